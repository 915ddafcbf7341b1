package io.hotpath.contracts.bottleneck;

import static io.hotpath.contracts.Events.listOrEmpty;
import static io.hotpath.contracts.Events.mapOrEmpty;
import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a person needs to check a finding: the numbers, the window they come from, and exemplars.
 *
 * @param measurements named numbers, e.g. {@code durationMs -> 2300}, {@code thresholdMs -> 1000}
 * @param sourceEventIds the telemetry events the finding was computed from
 * @param traceIds exemplar traces
 * @param spanIds exemplar spans
 * @param stack an exemplar stack, root first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Evidence(
    String description,
    Map<String, Double> measurements,
    Instant windowStart,
    Instant windowEnd,
    List<UUID> sourceEventIds,
    List<String> traceIds,
    List<String> spanIds,
    List<String> stack) {
  public Evidence {
    require(description, "description");
    measurements = mapOrEmpty(measurements);
    sourceEventIds = listOrEmpty(sourceEventIds);
    traceIds = listOrEmpty(traceIds);
    spanIds = listOrEmpty(spanIds);
    stack = listOrEmpty(stack);
  }
}
