package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.listOrEmpty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An explicit-bucket histogram; exponential histograms arrive converted to explicit bounds.
 *
 * @param bounds upper bounds of the buckets, ascending; the last bucket is unbounded
 * @param counts one count per bucket: {@code bounds.size() + 1} entries
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Histogram(long count, double sum, List<Double> bounds, List<Long> counts) {
  public Histogram {
    bounds = listOrEmpty(bounds);
    counts = listOrEmpty(counts);
    if (!counts.isEmpty() && counts.size() != bounds.size() + 1) {
      throw new IllegalArgumentException("counts must have one entry more than bounds");
    }
  }
}
