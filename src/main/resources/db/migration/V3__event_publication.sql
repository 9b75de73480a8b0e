-- Spring Modulith's JDBC event publication registry (schema version 2 of Modulith 2.0), written
-- once for H2 and PostgreSQL: it is the transactional outbox of the carrier alerts. No archive
-- table: spring.modulith.events.completion-mode stays at its default (update).
CREATE TABLE event_publication (
    id                     UUID         NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       VARCHAR(100000) NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 VARCHAR(20),
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE
);

CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
CREATE INDEX event_publication_by_listener_id_idx ON event_publication (listener_id);
