-- The tracking matrix: every bottleneck a tenant has, its plan, and how its status moved.
-- Enum-valued columns hold the contract enum names (io.hotpath.contracts); the service checks them.

-- Per-tenant counter behind the human ids (BTLNK-001, ...). Incremented in the transaction that
-- creates the bottleneck, so a rolled-back creation gives its number back and ids have no gaps.
CREATE TABLE tenant_counter (
    tenant                 varchar(128) PRIMARY KEY,
    last_bottleneck_number bigint       NOT NULL
);

CREATE TABLE bottleneck (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant         varchar(128)     NOT NULL,
    human_number   bigint           NOT NULL,
    human_id       varchar(32)      NOT NULL,
    fingerprint    varchar(64)      NOT NULL,
    service        varchar(255)     NOT NULL,
    environment    varchar(128)     NOT NULL,
    version        varchar(128)     NOT NULL,
    type           varchar(32)      NOT NULL,
    severity       varchar(16)      NOT NULL,
    -- Sort key for "most severe first", kept by the database so it never disagrees with severity.
    severity_rank  smallint GENERATED ALWAYS AS (
                       CASE severity
                           WHEN 'CRITICAL' THEN 0
                           WHEN 'HIGH' THEN 1
                           WHEN 'MEDIUM' THEN 2
                           ELSE 3
                       END) STORED,
    location       text             NOT NULL,
    impact_value   double precision NOT NULL,
    impact_unit    varchar(32)      NOT NULL,
    impact_summary text,
    status         varchar(16)      NOT NULL,
    analyzer_state varchar(16)      NOT NULL,
    first_seen     timestamptz      NOT NULL,
    last_seen      timestamptz      NOT NULL,
    occurrences    bigint           NOT NULL,
    created_at     timestamptz      NOT NULL,
    updated_at     timestamptz      NOT NULL,
    -- Optimistic lock: the lifecycle API and the consumers will both update rows.
    row_version    integer          NOT NULL DEFAULT 0,
    CONSTRAINT bottleneck_fingerprint_uk UNIQUE (tenant, fingerprint),
    CONSTRAINT bottleneck_human_id_uk UNIQUE (tenant, human_id),
    CONSTRAINT bottleneck_human_number_uk UNIQUE (tenant, human_number)
);

-- The matrix query: one tenant, most severe first, then by human id.
CREATE INDEX bottleneck_matrix_idx ON bottleneck (tenant, severity_rank, human_number);
CREATE INDEX bottleneck_service_idx ON bottleneck (tenant, service, environment);

-- The planner's latest plan per bottleneck. Keyed by fingerprint, not by bottleneck row, because
-- a plan may arrive before its bottleneck; the matrix joins them.
CREATE TABLE bottleneck_plan (
    tenant                 varchar(128)     NOT NULL,
    bottleneck_fingerprint varchar(64)      NOT NULL,
    plan_id                varchar(64)      NOT NULL,
    service                varchar(255)     NOT NULL,
    environment            varchar(128)     NOT NULL,
    bottleneck_type        varchar(32)      NOT NULL,
    severity               varchar(16)      NOT NULL,
    playbook_id            varchar(128)     NOT NULL,
    approach               text             NOT NULL,
    steps                  text             NOT NULL, -- JSON array of strings
    validation_metric      text             NOT NULL,
    validation_target      text             NOT NULL,
    risk                   varchar(16)      NOT NULL,
    rollback_method        varchar(32)      NOT NULL,
    rollback_automated     boolean          NOT NULL,
    rollback_time_ms       bigint           NOT NULL,
    rollback_steps         text             NOT NULL, -- JSON array of strings
    effort_size            varchar(8)       NOT NULL,
    effort_days            double precision NOT NULL,
    expected_value         double precision NOT NULL,
    expected_unit          varchar(32)      NOT NULL,
    expected_summary       text,
    rank                   integer          NOT NULL,
    depends_on             text             NOT NULL, -- JSON array of plan ids
    catalog_version        varchar(64)      NOT NULL,
    proposed_at            timestamptz      NOT NULL,
    created_at             timestamptz      NOT NULL,
    updated_at             timestamptz      NOT NULL,
    PRIMARY KEY (tenant, bottleneck_fingerprint)
);

-- Every status transition: who, when and why.
CREATE TABLE status_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bottleneck_id bigint       NOT NULL REFERENCES bottleneck (id) ON DELETE CASCADE,
    from_status   varchar(16),
    to_status     varchar(16)  NOT NULL,
    actor         varchar(128) NOT NULL,
    reason        text         NOT NULL,
    at            timestamptz  NOT NULL
);

CREATE INDEX status_history_bottleneck_idx ON status_history (bottleneck_id, at);

-- Idempotent consumers: a consumer records each event id in the transaction of its effect.
CREATE TABLE processed_event (
    consumer     varchar(64) NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
