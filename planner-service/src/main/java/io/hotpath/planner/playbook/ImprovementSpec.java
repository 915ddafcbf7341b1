package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import java.util.Map;
import java.util.Optional;

/**
 * How a playbook's expected improvement follows from the bottleneck's own evidence, so a plan says
 * what this fix should save for this bottleneck rather than a generic promise.
 *
 * @param method which formula
 * @param measurement the evidence measurement the formula starts from (EXCESS_OVER_THRESHOLD,
 *     FRACTION_OF_MEASUREMENT)
 * @param threshold the evidence measurement holding the goal (EXCESS_OVER_THRESHOLD)
 * @param fraction the share expected to be saved, in (0, 1] (FRACTION_OF_*)
 * @param unit the unit of the result, e.g. {@code ms}
 * @param summary one line for people; may use {@code {value}}, {@code {unit}} and the other
 *     placeholders
 */
public record ImprovementSpec(
    Method method,
    String measurement,
    String threshold,
    Double fraction,
    String unit,
    String summary) {

  /** The formulas a playbook can use. */
  public enum Method {
    /** {@code measurement - threshold}: what is over the goal goes away (e.g. a slow phase). */
    EXCESS_OVER_THRESHOLD,
    /** {@code measurement * fraction}. */
    FRACTION_OF_MEASUREMENT,
    /** {@code impact.value * fraction}: a share of the bottleneck's stated cost. */
    FRACTION_OF_IMPACT
  }

  @JsonCreator
  public ImprovementSpec(
      @JsonProperty(value = "method", required = true) Method method,
      @JsonProperty("measurement") String measurement,
      @JsonProperty("threshold") String threshold,
      @JsonProperty("fraction") Double fraction,
      @JsonProperty(value = "unit", required = true) String unit,
      @JsonProperty(value = "summary", required = true) String summary) {
    this.method = Specs.require(method, "method");
    this.unit = Specs.requireText(unit, "unit");
    this.summary = Templates.check(Specs.requireText(summary, "summary"), "summary");
    switch (method) {
      case EXCESS_OVER_THRESHOLD -> {
        Specs.requireText(measurement, "measurement");
        Specs.requireText(threshold, "threshold");
      }
      case FRACTION_OF_MEASUREMENT -> {
        Specs.requireText(measurement, "measurement");
        requireFraction(fraction);
      }
      case FRACTION_OF_IMPACT -> requireFraction(fraction);
    }
    this.measurement = measurement;
    this.threshold = threshold;
    this.fraction = fraction;
  }

  private static void requireFraction(Double fraction) {
    if (fraction == null || !(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction is required and must be in (0, 1]");
    }
  }

  /** The goal value from the evidence, where this formula has one. */
  public Optional<Double> thresholdValue(BottleneckDetected bottleneck) {
    return threshold == null
        ? Optional.empty()
        : Optional.ofNullable(bottleneck.evidence().measurements().get(threshold));
  }

  /**
   * The expected saving for this bottleneck, before the summary is filled in; empty when the
   * evidence lacks a measurement the formula needs.
   */
  public Optional<Double> compute(BottleneckDetected bottleneck) {
    Map<String, Double> measured = bottleneck.evidence().measurements();
    return switch (method) {
      case EXCESS_OVER_THRESHOLD -> {
        Double value = measured.get(measurement);
        Double goal = measured.get(threshold);
        yield value == null || goal == null
            ? Optional.empty()
            : Optional.of(Math.max(0, value - goal));
      }
      case FRACTION_OF_MEASUREMENT ->
          Optional.ofNullable(measured.get(measurement)).map(value -> value * fraction);
      case FRACTION_OF_IMPACT -> Optional.of(bottleneck.impact().value() * fraction);
    };
  }

  /** The names of the evidence measurements the formula needs. */
  public String requiredMeasurements() {
    return switch (method) {
      case EXCESS_OVER_THRESHOLD -> measurement + ", " + threshold;
      case FRACTION_OF_MEASUREMENT -> measurement;
      case FRACTION_OF_IMPACT -> "(none)";
    };
  }
}
