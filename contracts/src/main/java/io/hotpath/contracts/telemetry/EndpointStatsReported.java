package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Per-route latency and outcomes of a service over one window. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointStatsReported(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    Instant windowStart,
    Instant windowEnd,
    List<EndpointStats> endpoints)
    implements TelemetryReport, HotpathEvent {
  public EndpointStatsReported {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(windowStart, "windowStart");
    require(windowEnd, "windowEnd");
    endpoints = requireList(endpoints, "endpoints");
  }
}
