package io.hotpath.contracts.bottleneck;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The analyzer observed a bottleneck, again observed it, or stopped observing it ({@link
 * BottleneckState#GONE}). The fingerprint is the bottleneck's identity: repeats update one
 * bottleneck, never create another.
 *
 * @param fingerprint see {@link io.hotpath.contracts.Fingerprints#bottleneck}
 * @param location the normalized location: a frame, a query fingerprint, a route, a startup phase
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BottleneckDetected(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    String fingerprint,
    BottleneckType type,
    Severity severity,
    String location,
    Impact impact,
    Evidence evidence,
    Instant firstSeen,
    Instant lastSeen,
    long occurrences,
    BottleneckState state)
    implements HotpathEvent {
  public BottleneckDetected {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(fingerprint, "fingerprint");
    require(type, "type");
    require(severity, "severity");
    require(location, "location");
    require(impact, "impact");
    require(evidence, "evidence");
    require(firstSeen, "firstSeen");
    require(lastSeen, "lastSeen");
    state = state == null ? BottleneckState.ACTIVE : state;
  }
}
