package io.hotpath.contracts.tracking;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A bottleneck moved in its lifecycle: who moved it, and why.
 *
 * @param from null when the bottleneck was first tracked
 * @param humanId the tracker's per-tenant id, e.g. {@code BTLNK-001}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BottleneckStatusChanged(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    String bottleneckFingerprint,
    String humanId,
    BottleneckStatus from,
    BottleneckStatus to,
    String actor,
    String reason)
    implements HotpathEvent {
  public BottleneckStatusChanged {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(bottleneckFingerprint, "bottleneckFingerprint");
    require(humanId, "humanId");
    require(to, "to");
    require(actor, "actor");
    require(reason, "reason");
  }
}
