-- Validating shipped fixes: every validation of a deployed optimization, the improvement it
-- measured on the bottleneck, and rollback commands going out through the same outbox as status
-- changes (so a FAILED status and its rollback command commit together).

ALTER TABLE status_event_outbox
    ADD COLUMN topic varchar(128) NOT NULL DEFAULT 'hotpath.status-changes.v1';

-- The improvement the passing validation measured on the targeted metric (lower is better).
ALTER TABLE bottleneck
    ADD COLUMN improvement_metric text,
    ADD COLUMN improvement_unit   varchar(32),
    ADD COLUMN improvement_before double precision,
    ADD COLUMN improvement_after  double precision,
    ADD COLUMN improvement_run_id bigint;

CREATE TABLE validation_run (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant              varchar(128) NOT NULL,
    service             varchar(255) NOT NULL,
    environment         varchar(128) NOT NULL,
    version             varchar(128) NOT NULL,
    previous_version    varchar(128),
    bottleneck_id       bigint       NOT NULL REFERENCES bottleneck (id) ON DELETE CASCADE,
    deployment_event_id uuid         NOT NULL,
    optimization_id     text         NOT NULL, -- as the deployment named it
    rollback_target     text,
    status              varchar(16)  NOT NULL, -- PENDING, PASSED, FAILED, INCONCLUSIVE
    metric              text,
    unit                varchar(32),
    before_value        double precision,
    after_value         double precision,
    reasons             text         NOT NULL, -- JSON array of strings
    notes               text         NOT NULL, -- JSON array of strings
    checks              text         NOT NULL, -- JSON array of checks
    rollback_event_id   uuid,
    deployed_at         timestamptz  NOT NULL,
    created_at          timestamptz  NOT NULL,
    validated_at        timestamptz,
    row_version         integer      NOT NULL DEFAULT 0,
    CONSTRAINT validation_run_uk UNIQUE (deployment_event_id, bottleneck_id)
);

CREATE INDEX validation_run_pending_idx ON validation_run (tenant, service, environment, version)
    WHERE status = 'PENDING';
CREATE INDEX validation_run_bottleneck_idx ON validation_run (bottleneck_id, id);
