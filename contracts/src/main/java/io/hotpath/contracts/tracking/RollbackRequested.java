package io.hotpath.contracts.tracking;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.plan.RollbackMethod;
import java.time.Instant;
import java.util.UUID;

/**
 * A command to roll back a shipped fix. Executors carry out each {@code commandId} at most once.
 *
 * @param target what to act on, e.g. {@code namespace/deployment} or a flag key
 * @param incidentKey the alert or validation that caused it; one incident, one rollback
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollbackRequested(
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
    RollbackMethod method,
    String target,
    String rollbackTo,
    String reason,
    String incidentKey)
    implements HotpathEvent {
  public RollbackRequested {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(commandId, "commandId");
    require(bottleneckFingerprint, "bottleneckFingerprint");
    require(method, "method");
    require(reason, "reason");
    require(incidentKey, "incidentKey");
  }
}
