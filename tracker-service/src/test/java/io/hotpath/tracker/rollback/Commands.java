package io.hotpath.tracker.rollback;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.time.Instant;
import java.util.UUID;

/** Rollback commands as the tracker's validation and alert webhook send them. */
final class Commands {
  private Commands() {}

  static RollbackRequested command(RollbackMethod method, String target) {
    return new RollbackRequested(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "acme",
        "checkout",
        "prod",
        "1.5.0",
        null,
        Instant.parse("2026-11-26T12:00:00Z"),
        "validation-42",
        "fp-0123456789abcdef",
        method,
        target,
        "1.4.2",
        "validation of 1.5.0 against 1.4.2 failed: endpoint GET /orders/{id} p95 \"200\" ms",
        "validation:42");
  }
}
