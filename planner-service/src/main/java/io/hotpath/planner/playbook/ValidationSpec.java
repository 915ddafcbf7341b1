package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The metric a fix is validated on and the value it must reach; both may hold placeholders. */
public record ValidationSpec(String metric, String target) {
  @JsonCreator
  public ValidationSpec(
      @JsonProperty(value = "metric", required = true) String metric,
      @JsonProperty(value = "target", required = true) String target) {
    this.metric = Templates.check(Specs.requireText(metric, "metric"), "metric");
    this.target = Templates.check(Specs.requireText(target, "target"), "target");
  }
}
