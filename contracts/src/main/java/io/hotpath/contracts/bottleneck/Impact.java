package io.hotpath.contracts.bottleneck;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How much a bottleneck costs, or how much a fix is expected to save.
 *
 * @param value the amount, in {@code unit}
 * @param unit for example {@code ms}, {@code % cpu}, {@code MB/hour}
 * @param summary one line a person reads, e.g. "phase hibernate-bootstrap took 2300 ms"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Impact(double value, String unit, String summary) {
  public Impact {
    require(unit, "unit");
  }
}
