package io.hotpath.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hotpath.contracts.HotpathEvent;

/**
 * The reports that share {@code hotpath.telemetry.reports.v1}. The JSON field {@code kind} tells
 * them apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StartupReported.class, name = "startup"),
  @JsonSubTypes.Type(value = EndpointStatsReported.class, name = "endpoint-stats"),
  @JsonSubTypes.Type(value = QueryStatsReported.class, name = "query-stats"),
  @JsonSubTypes.Type(value = ResourcesSampled.class, name = "resources"),
  @JsonSubTypes.Type(value = FunctionalityChecked.class, name = "functionality")
})
public sealed interface TelemetryReport extends HotpathEvent
    permits StartupReported,
        EndpointStatsReported,
        QueryStatsReported,
        ResourcesSampled,
        FunctionalityChecked {}
