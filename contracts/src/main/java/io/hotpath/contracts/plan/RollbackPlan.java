package io.hotpath.contracts.plan;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.List;

/**
 * How to undo a fix.
 *
 * @param automated true where Hotpath can carry it out without a person
 * @param timeToRollback how long the rollback takes once started
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollbackPlan(
    RollbackMethod method, boolean automated, Duration timeToRollback, List<String> steps) {
  public RollbackPlan {
    require(method, "method");
    require(timeToRollback, "timeToRollback");
    steps = requireList(steps, "steps");
  }
}
