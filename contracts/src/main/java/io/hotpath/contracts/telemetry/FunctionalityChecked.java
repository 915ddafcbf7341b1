package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The results of a run of functional checks against one version of a service. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionalityChecked(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    List<FunctionalityCheck> checks)
    implements TelemetryReport, HotpathEvent {
  public FunctionalityChecked {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    checks = requireList(checks, "checks");
  }
}
