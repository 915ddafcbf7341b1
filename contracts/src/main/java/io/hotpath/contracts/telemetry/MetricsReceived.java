package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A batch of metric points of one service instance. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsReceived(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    List<MetricPoint> points)
    implements HotpathEvent {
  public MetricsReceived {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    points = requireList(points, "points");
  }
}
