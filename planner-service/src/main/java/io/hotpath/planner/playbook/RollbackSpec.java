package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.plan.RollbackMethod;
import java.time.Duration;
import java.util.List;

/**
 * How a fix made from this playbook is undone. {@code timeToRollback} is an ISO-8601 duration such
 * as {@code PT1M}.
 */
public record RollbackSpec(
    RollbackMethod method, boolean automated, Duration timeToRollback, List<String> steps) {
  @JsonCreator
  public RollbackSpec(
      @JsonProperty(value = "method", required = true) RollbackMethod method,
      @JsonProperty(value = "automated", required = true) boolean automated,
      @JsonProperty(value = "timeToRollback", required = true) Duration timeToRollback,
      @JsonProperty(value = "steps", required = true) List<String> steps) {
    this.method = Specs.require(method, "method");
    this.automated = automated;
    this.timeToRollback = Specs.require(timeToRollback, "timeToRollback");
    if (timeToRollback.isNegative() || timeToRollback.isZero()) {
      throw new IllegalArgumentException("timeToRollback must be a positive duration");
    }
    this.steps = Templates.checkAll(Specs.requireNonEmpty(steps, "steps"), "steps");
  }
}
