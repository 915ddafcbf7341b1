-- The planner's coverage gaps (CoverageGapFound): bottlenecks it could not plan. A gap is open
-- until a plan for its bottleneck arrives that is newer than the gap (bottleneck_plan).
CREATE TABLE coverage_gap (
    tenant                 varchar(128) NOT NULL,
    bottleneck_fingerprint varchar(64)  NOT NULL,
    service                varchar(255) NOT NULL,
    environment            varchar(128) NOT NULL,
    bottleneck_type        varchar(32)  NOT NULL,
    severity               varchar(16)  NOT NULL,
    location               text,
    reason                 varchar(64)  NOT NULL,
    detail                 text,
    catalog_version        varchar(64),
    found_at               timestamptz  NOT NULL,
    PRIMARY KEY (tenant, bottleneck_fingerprint)
);

CREATE INDEX coverage_gap_service_idx ON coverage_gap (tenant, service);
