-- Measured baselines: the running sums of every telemetry report of one version of a service in
-- one environment (TelemetryTotals as JSON). Each report adds its share once (processed_event).
CREATE TABLE telemetry_baseline (
    tenant          varchar(128) NOT NULL,
    service         varchar(255) NOT NULL,
    environment     varchar(128) NOT NULL,
    version         varchar(128) NOT NULL,
    totals          text         NOT NULL, -- JSON: TelemetryTotals
    reports         bigint       NOT NULL,
    first_report_at timestamptz  NOT NULL,
    last_report_at  timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    row_version     integer      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, service, environment, version)
);
