package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.plan.RiskLevel;
import java.util.List;

/**
 * One catalog entry: how to fix one type of bottleneck, how to know it worked, how to undo it, and
 * how much it should save. Text fields may hold {@link Templates placeholders} filled from the
 * bottleneck.
 */
public record Playbook(
    String id,
    BottleneckType bottleneckType,
    String approach,
    List<String> steps,
    ValidationSpec validation,
    RiskLevel risk,
    EffortSpec effort,
    RollbackSpec rollback,
    ImprovementSpec expectedImprovement) {

  @JsonCreator
  public Playbook(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty(value = "bottleneckType", required = true) BottleneckType bottleneckType,
      @JsonProperty(value = "approach", required = true) String approach,
      @JsonProperty(value = "steps", required = true) List<String> steps,
      @JsonProperty(value = "validation", required = true) ValidationSpec validation,
      @JsonProperty(value = "risk", required = true) RiskLevel risk,
      @JsonProperty(value = "effort", required = true) EffortSpec effort,
      @JsonProperty(value = "rollback", required = true) RollbackSpec rollback,
      @JsonProperty(value = "expectedImprovement", required = true)
          ImprovementSpec expectedImprovement) {
    this.id = Specs.requireText(id, "id");
    this.bottleneckType = Specs.require(bottleneckType, "bottleneckType");
    this.approach = Templates.check(Specs.requireText(approach, "approach"), "approach");
    this.steps = Templates.checkAll(Specs.requireNonEmpty(steps, "steps"), "steps");
    this.validation = Specs.require(validation, "validation");
    this.risk = Specs.require(risk, "risk");
    this.effort = Specs.require(effort, "effort");
    this.rollback = Specs.require(rollback, "rollback");
    this.expectedImprovement = Specs.require(expectedImprovement, "expectedImprovement");
  }
}
