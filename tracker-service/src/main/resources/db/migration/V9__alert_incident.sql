-- Alerts from Alertmanager: one incident per (tenant, group key, alert fingerprint), what it was
-- correlated with, and the fixes it asked to roll back. A repeat notification changes nothing; a
-- resolved one closes the incident. Rollback commands go out through status_event_outbox, written
-- in the transaction that records the incident.

CREATE TABLE alert_incident (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant              varchar(128) NOT NULL,
    group_key           text         NOT NULL,
    fingerprint         varchar(128) NOT NULL,
    alertname           text,
    status              varchar(16)  NOT NULL, -- FIRING, RESOLVED
    service             text,
    namespace           text,
    deployment          text,
    version             text,
    labels              text         NOT NULL, -- JSON object of strings
    annotations         text         NOT NULL, -- JSON object of strings
    starts_at           timestamptz  NOT NULL,
    ends_at             timestamptz,
    resolved_at         timestamptz,
    generator_url       text,
    receiver            text,
    external_url        text,
    correlated          boolean      NOT NULL,
    correlation_note    text         NOT NULL, -- what it matched, or why it matched nothing
    deployment_event_id uuid,
    deployed_version    varchar(128),
    rollback_rule       varchar(255),          -- the rule that allowed a rollback, if any
    rollback_note       text         NOT NULL, -- why commands were or were not requested
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    row_version         integer      NOT NULL DEFAULT 0,
    CONSTRAINT alert_incident_uk UNIQUE (tenant, group_key, fingerprint)
);

CREATE INDEX alert_incident_tenant_idx ON alert_incident (tenant, created_at DESC, id DESC);

-- The fixes an incident was correlated with, and the rollback command requested for each.
CREATE TABLE alert_incident_fix (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id       bigint      NOT NULL REFERENCES alert_incident (id) ON DELETE CASCADE,
    bottleneck_id     bigint      NOT NULL REFERENCES bottleneck (id) ON DELETE CASCADE,
    command_id        varchar(128),          -- null when no command was requested
    rollback_event_id uuid,
    rollback_method   varchar(32),
    rollback_to       text,
    note              text        NOT NULL,  -- the command's reason, or why there is none
    created_at        timestamptz NOT NULL,
    CONSTRAINT alert_incident_fix_uk UNIQUE (incident_id, bottleneck_id),
    CONSTRAINT alert_incident_fix_command_uk UNIQUE (command_id)
);

CREATE INDEX alert_incident_fix_bottleneck_idx ON alert_incident_fix (bottleneck_id, incident_id);
