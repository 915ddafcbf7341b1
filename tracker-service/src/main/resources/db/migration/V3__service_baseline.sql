-- The baseline the CI gate compares a candidate version with: one per (tenant, service), set
-- explicitly (PUT .../baseline) or by a passing gate call that asks to be promoted.
CREATE TABLE service_baseline (
    tenant      varchar(128)     NOT NULL,
    service     varchar(255)     NOT NULL,
    version     varchar(128)     NOT NULL,
    startup_ms  double precision NOT NULL,
    memory_mb   double precision NOT NULL,
    endpoints   text             NOT NULL, -- JSON object: endpoint -> p95 ms
    bottlenecks text             NOT NULL, -- JSON array: fingerprints known at the baseline
    source      varchar(16)      NOT NULL, -- PUT or GATE
    set_by      varchar(128),
    set_at      timestamptz      NOT NULL,
    row_version integer          NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, service)
);
