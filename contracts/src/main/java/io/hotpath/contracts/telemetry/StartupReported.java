package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How one start of a service instance went: its phases, the time until it was ready to serve, and
 * the memory it held once started.
 *
 * @param timeToReadyMs null where the agent did not measure it
 * @param startupMemoryMb resident memory once ready, null where not measured
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StartupReported(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    StartType startType,
    List<StartupPhase> phases,
    Long timeToReadyMs,
    Double startupMemoryMb)
    implements TelemetryReport, HotpathEvent {
  public StartupReported {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(startType, "startType");
    phases = requireList(phases, "phases");
  }
}
