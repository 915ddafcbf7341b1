package io.hotpath.contracts.plan;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How a fix is shown to work: the metric to watch and the value it must reach.
 *
 * @param metric e.g. {@code startup.phase.hibernate-bootstrap.ms}
 * @param target e.g. {@code <= 1000}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationTarget(String metric, String target) {
  public ValidationTarget {
    require(metric, "metric");
    require(target, "target");
  }
}
