package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.mapOrEmpty;
import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * One metric data point under its semantic-convention name (for example {@code
 * jvm.memory.used_after_last_gc}, {@code http.server.request.duration}).
 *
 * @param value the value of a gauge or sum; null for a histogram
 * @param histogram the buckets of a histogram; null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricPoint(
    String name,
    MetricKind kind,
    String unit,
    Map<String, String> attributes,
    Instant time,
    Double value,
    Histogram histogram) {
  public MetricPoint {
    require(name, "name");
    require(kind, "kind");
    require(time, "time");
    attributes = mapOrEmpty(attributes);
    if (kind == MetricKind.HISTOGRAM) {
      require(histogram, "histogram");
    } else {
      require(value, "value");
    }
  }
}
