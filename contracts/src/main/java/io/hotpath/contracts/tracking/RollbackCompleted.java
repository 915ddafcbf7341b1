package io.hotpath.contracts.tracking;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.UUID;

/** An executor finished a rollback command. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollbackCompleted(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    String commandId,
    String bottleneckFingerprint,
    String executor,
    RollbackOutcome outcome,
    String detail,
    int attempts)
    implements HotpathEvent {
  public RollbackCompleted {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(commandId, "commandId");
    require(bottleneckFingerprint, "bottleneckFingerprint");
    require(executor, "executor");
    require(outcome, "outcome");
  }
}
