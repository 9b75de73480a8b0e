package org.fillwatch.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose views use the shared layout ({@code templates/layout.html}): it then gets
 * the model attributes the layout needs ({@code viewer}, {@code lang}, {@code scriptTexts}, tile
 * settings) from {@link PageModel}. JSON controllers do not carry it, so they pay nothing for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BrowserPage {
}
