package org.fillwatch.alert;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when at least one carrier has a webhook ({@code fillwatch.webhooks.carriers.*}). Without one
 * the webhook listener is not created: every incident event would still get an outbox row for it
 * (an insert with the serialised event, then its completion), twice the rows per alert when a
 * thousand incidents open within a minute.
 */
class WebhooksConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("fillwatch.webhooks.carriers", Bindable.mapOf(String.class, Object.class))
                .map(carriers -> !carriers.isEmpty()).orElse(false);
    }
}
