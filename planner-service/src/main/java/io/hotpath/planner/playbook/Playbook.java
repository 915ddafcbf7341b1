package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.plan.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One catalog entry: how to fix one type of bottleneck, how to know it worked, how to undo it, and
 * how much it should save. Text fields may hold {@link Templates placeholders} filled from the
 * bottleneck.
 *
 * @param when the conditions beyond the type under which this playbook applies; null applies to
 *     every bottleneck of the type
 * @param after bottleneck types of the same service whose plans go before this playbook's plans
 *     (e.g. pool sizing after the slow queries are fixed)
 * @param deferral which MEDIUM/LOW bottlenecks may wait, and why; null defers nothing
 */
public record Playbook(
    String id,
    BottleneckType bottleneckType,
    Rule when,
    String approach,
    List<String> steps,
    ValidationSpec validation,
    RiskLevel risk,
    EffortSpec effort,
    RollbackSpec rollback,
    ImprovementSpec expectedImprovement,
    List<BottleneckType> after,
    DeferralSpec deferral) {

  @JsonCreator
  public Playbook(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty(value = "bottleneckType", required = true) BottleneckType bottleneckType,
      @JsonProperty("when") Rule when,
      @JsonProperty(value = "approach", required = true) String approach,
      @JsonProperty(value = "steps", required = true) List<String> steps,
      @JsonProperty(value = "validation", required = true) ValidationSpec validation,
      @JsonProperty(value = "risk", required = true) RiskLevel risk,
      @JsonProperty(value = "effort", required = true) EffortSpec effort,
      @JsonProperty(value = "rollback", required = true) RollbackSpec rollback,
      @JsonProperty(value = "expectedImprovement", required = true)
          ImprovementSpec expectedImprovement,
      @JsonProperty("after") List<BottleneckType> after,
      @JsonProperty("deferral") DeferralSpec deferral) {
    this.id = Specs.requireText(id, "id");
    this.bottleneckType = Specs.require(bottleneckType, "bottleneckType");
    this.when = when;
    this.approach = Templates.check(Specs.requireText(approach, "approach"), "approach");
    this.steps = Templates.checkAll(Specs.requireNonEmpty(steps, "steps"), "steps");
    this.validation = Specs.require(validation, "validation");
    this.risk = Specs.require(risk, "risk");
    this.effort = Specs.require(effort, "effort");
    this.rollback = Specs.require(rollback, "rollback");
    this.expectedImprovement = Specs.require(expectedImprovement, "expectedImprovement");
    if (after != null) {
      for (BottleneckType type : after) {
        if (type == null) {
          throw new IllegalArgumentException("after must list bottleneck types");
        }
        if (type == bottleneckType) {
          throw new IllegalArgumentException(
              "after must not name the playbook's own type " + bottleneckType);
        }
      }
    }
    this.after = after == null ? List.of() : List.copyOf(after);
    this.deferral = deferral;
    checkFormulaPlaceholders();
  }

  /**
   * A text that uses {@code {threshold}}, {@code {measured}} or {@code {after}} needs a formula
   * that fills it; otherwise the plan would show the placeholder itself.
   */
  private void checkFormulaPlaceholders() {
    Set<String> available = expectedImprovement.placeholders();
    List<String> texts = new ArrayList<>();
    texts.add(approach);
    texts.addAll(steps);
    texts.add(validation.metric());
    texts.add(validation.target());
    texts.addAll(rollback.steps());
    texts.add(expectedImprovement.summary());
    if (deferral != null) {
      texts.add(deferral.justification());
    }
    for (String text : texts) {
      for (String name : Templates.used(text)) {
        if (Templates.FORMULA_NAMES.contains(name) && !available.contains(name)) {
          throw new IllegalArgumentException(
              "{"
                  + name
                  + "} is not filled by the "
                  + expectedImprovement.method()
                  + " formula, in: "
                  + text);
        }
      }
    }
  }

  /** Whether this playbook is for the bottleneck: its type, and its rule if it has one. */
  public boolean appliesTo(BottleneckDetected bottleneck) {
    return bottleneck.type() == bottleneckType && (when == null || when.matches(bottleneck));
  }
}
