-- The rollback executor: one row per rollback command id, claimed (inserted) before the executor
-- acts, so a redelivered command or a second command with the same id never acts twice. The row
-- then records how the execution went; its RollbackCompleted goes out through the outbox in the
-- transaction that finishes the row.

CREATE TABLE rollback_command (
    command_id            varchar(255) PRIMARY KEY,
    request_event_id      uuid         NOT NULL,
    tenant                varchar(128) NOT NULL,
    service               varchar(255) NOT NULL,
    environment           varchar(128) NOT NULL,
    version               varchar(128) NOT NULL,
    bottleneck_fingerprint varchar(255) NOT NULL,
    method                varchar(32)  NOT NULL,
    target                text,
    rollback_to           text,
    reason                text         NOT NULL,
    incident_key          text         NOT NULL,
    requested_at          timestamptz  NOT NULL, -- the command's event time
    status                varchar(16)  NOT NULL, -- RUNNING, SUCCEEDED, FAILED, SKIPPED
    executor              varchar(64),
    dry_run               boolean      NOT NULL DEFAULT false,
    attempts              integer      NOT NULL DEFAULT 0,
    detail                text,
    duplicates            integer      NOT NULL DEFAULT 0, -- later deliveries of the same command id
    claimed_at            timestamptz  NOT NULL,
    finished_at           timestamptz,
    outcome_event_id      uuid
);

CREATE INDEX rollback_command_tenant_idx ON rollback_command (tenant, claimed_at DESC);
CREATE INDEX rollback_command_running_idx ON rollback_command (claimed_at) WHERE status = 'RUNNING';
