package io.hotpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * What every Hotpath event carries: a producer-assigned id that stays the same across retries (so
 * consumers can be idempotent), the schema version, and the identity of the deployed build it is
 * about.
 */
public interface HotpathEvent {
  /** Producer-assigned, stable across retries; consumers deduplicate on it. */
  UUID eventId();

  int schemaVersion();

  String tenant();

  String service();

  String environment();

  /** The deployed build the event is about. */
  String version();

  /** The instance (pod, host) where known; may be null. */
  String instance();

  Instant eventTime();
}
