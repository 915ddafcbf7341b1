package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Query statistics of a service's database over one window. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryStatsReported(
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
    List<QueryStats> queries)
    implements TelemetryReport, HotpathEvent {
  public QueryStatsReported {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(windowStart, "windowStart");
    require(windowEnd, "windowEnd");
    queries = requireList(queries, "queries");
  }
}
