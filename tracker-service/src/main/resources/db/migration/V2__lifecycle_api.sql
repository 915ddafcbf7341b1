-- The lifecycle through the API: deferrals keep their justification, and every status change
-- leaves an event in the outbox in the transaction of the change, until Kafka acknowledged it.

ALTER TABLE bottleneck
    ADD COLUMN deferral_justification text,
    ADD COLUMN deferred_by            varchar(128),
    ADD COLUMN deferred_at            timestamptz;

-- A DEFERRED row always says why; any other status carries no justification.
ALTER TABLE bottleneck
    ADD CONSTRAINT bottleneck_deferral_justified CHECK (
        (status = 'DEFERRED') = (deferral_justification IS NOT NULL));

ALTER TABLE status_history
    ADD COLUMN justification text;

-- BottleneckStatusChanged events not yet acknowledged by Kafka. Written with the transition,
-- marked published once acknowledged; the relay sends what a failed or interrupted send left.
CREATE TABLE status_event_outbox (
    event_id     uuid         PRIMARY KEY,
    tenant       varchar(128) NOT NULL,
    service      varchar(255) NOT NULL,
    payload      text         NOT NULL,
    created_at   timestamptz  NOT NULL,
    published_at timestamptz
);

CREATE INDEX status_event_outbox_pending_idx ON status_event_outbox (created_at)
    WHERE published_at IS NULL;
