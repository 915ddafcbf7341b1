-- Every CI gate answer, for the audit: which candidate was compared with which baseline, and why
-- it passed or failed.
CREATE TABLE gate_run (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant           varchar(128) NOT NULL,
    service          varchar(255) NOT NULL,
    version          varchar(128) NOT NULL,
    baseline_version varchar(128) NOT NULL,
    verdict          varchar(8)   NOT NULL, -- pass or fail
    reasons          text         NOT NULL, -- JSON array of strings
    new_bottlenecks  text         NOT NULL, -- JSON array of fingerprints
    promoted         boolean      NOT NULL,
    actor            varchar(128),
    at               timestamptz  NOT NULL
);

CREATE INDEX gate_run_service_idx ON gate_run (tenant, service, at DESC, id DESC);
