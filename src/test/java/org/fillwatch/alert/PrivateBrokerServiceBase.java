package org.fillwatch.alert;

import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.testing.TestPavilions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/** What the {@link PrivateBrokerServiceTest} classes use of the service: pavilions, events, the register. */
abstract class PrivateBrokerServiceBase {

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;

    final JsonMapper json = JsonMapper.builder().build();
}
