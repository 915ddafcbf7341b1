package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a playbook's expected improvement follows from the bottleneck's own evidence, so a plan says
 * what this fix should save for this bottleneck rather than a generic promise. Every formula is
 * {@code (its difference or share) x scale}, never below 0.
 *
 * @param method which formula
 * @param measurement the evidence measurement the formula starts from (every method but
 *     FRACTION_OF_IMPACT); {@code impact} names the bottleneck's impact value
 * @param threshold the evidence measurement holding the goal (EXCESS_OVER_THRESHOLD)
 * @param minus the evidence measurement subtracted (DIFFERENCE)
 * @param target a fixed goal value (BELOW_TARGET, ABOVE_TARGET), e.g. a 0.9 hit rate
 * @param fraction the share expected to be saved, in (0, 1] (FRACTION_OF_*)
 * @param scale multiplies the result, e.g. 100 to turn a rate into percentage points; default 1
 * @param unit the unit of the result, e.g. {@code ms}; FRACTION_OF_IMPACT may leave it out to use
 *     the impact's
 * @param summary one line for people; may use {@code {value}}, {@code {unit}} and the other
 *     placeholders
 */
public record ImprovementSpec(
    Method method,
    String measurement,
    String threshold,
    String minus,
    Double target,
    Double fraction,
    Double scale,
    String unit,
    String summary) {

  /** The formulas a playbook can use. */
  public enum Method {
    /** {@code measurement - threshold}: what is over the goal goes away (e.g. a slow phase). */
    EXCESS_OVER_THRESHOLD,
    /** {@code measurement - minus}: e.g. an N+1's total less one round-trip. */
    DIFFERENCE,
    /** {@code measurement * fraction}. */
    FRACTION_OF_MEASUREMENT,
    /** {@code impact.value * fraction}: a share of the bottleneck's stated cost. */
    FRACTION_OF_IMPACT,
    /** {@code target - measurement}: e.g. the hit rate missing to a 0.9 goal. */
    BELOW_TARGET,
    /** {@code measurement - target}: e.g. pool usage over a 0.7 goal. */
    ABOVE_TARGET
  }

  @JsonCreator
  public ImprovementSpec(
      @JsonProperty(value = "method", required = true) Method method,
      @JsonProperty("measurement") String measurement,
      @JsonProperty("threshold") String threshold,
      @JsonProperty("minus") String minus,
      @JsonProperty("target") Double target,
      @JsonProperty("fraction") Double fraction,
      @JsonProperty("scale") Double scale,
      @JsonProperty("unit") String unit,
      @JsonProperty(value = "summary", required = true) String summary) {
    this.method = Specs.require(method, "method");
    this.summary = Templates.check(Specs.requireText(summary, "summary"), "summary");
    // The summary may use {value} and {unit}; the playbook checks the formula's own placeholders.
    List<String> used = new ArrayList<>();
    switch (method) {
      case EXCESS_OVER_THRESHOLD -> {
        Specs.requireText(measurement, "measurement");
        Specs.requireText(threshold, "threshold");
        used.addAll(List.of("measurement", "threshold"));
      }
      case DIFFERENCE -> {
        Specs.requireText(measurement, "measurement");
        Specs.requireText(minus, "minus");
        used.addAll(List.of("measurement", "minus"));
      }
      case FRACTION_OF_MEASUREMENT -> {
        Specs.requireText(measurement, "measurement");
        requireFraction(fraction);
        used.addAll(List.of("measurement", "fraction"));
      }
      case FRACTION_OF_IMPACT -> {
        requireFraction(fraction);
        used.add("fraction");
      }
      case BELOW_TARGET, ABOVE_TARGET -> {
        Specs.requireText(measurement, "measurement");
        if (target == null || !Double.isFinite(target)) {
          throw new IllegalArgumentException("target is required and must be a number");
        }
        used.addAll(List.of("measurement", "target"));
      }
    }
    // A field the formula ignores is a mistake in the catalog, not a harmless extra.
    rejectUnused("measurement", measurement, used, method);
    rejectUnused("threshold", threshold, used, method);
    rejectUnused("minus", minus, used, method);
    rejectUnused("target", target, used, method);
    rejectUnused("fraction", fraction, used, method);
    if (scale != null && !(scale > 0 && Double.isFinite(scale))) {
      throw new IllegalArgumentException("scale must be a number greater than 0");
    }
    if (method != Method.FRACTION_OF_IMPACT) {
      Specs.requireText(unit, "unit");
    } else if (unit != null) {
      Specs.requireText(unit, "unit");
    }
    this.measurement = measurement;
    this.threshold = threshold;
    this.minus = minus;
    this.target = target;
    this.fraction = fraction;
    this.scale = scale;
    this.unit = unit;
  }

  private static void rejectUnused(String field, Object value, List<String> used, Method method) {
    if (value != null && !used.contains(field)) {
      throw new IllegalArgumentException(
          field + " is not used by " + method + ", which takes " + String.join(", ", used));
    }
  }

  private static void requireFraction(Double fraction) {
    if (fraction == null || !(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction is required and must be in (0, 1]");
    }
  }

  /** Names the bottleneck's impact value where a formula takes a measurement. */
  public static final String IMPACT = "impact";

  /** An evidence measurement by name, or the impact's value for {@link #IMPACT}. */
  private static Double value(BottleneckDetected bottleneck, String name) {
    if (name == null) {
      return null;
    }
    return IMPACT.equals(name)
        ? Double.valueOf(bottleneck.impact().value())
        : bottleneck.evidence().measurements().get(name);
  }

  /** The unit of the result for this bottleneck. */
  public String unitFor(BottleneckDetected bottleneck) {
    return unit != null ? unit : bottleneck.impact().unit();
  }

  /** The reference value the formula measures against, shown as {@code {threshold}}. */
  public Optional<Double> thresholdValue(BottleneckDetected bottleneck) {
    return switch (method) {
      case EXCESS_OVER_THRESHOLD -> Optional.ofNullable(value(bottleneck, threshold));
      case DIFFERENCE -> Optional.ofNullable(value(bottleneck, minus));
      case BELOW_TARGET, ABOVE_TARGET -> Optional.of(target);
      case FRACTION_OF_MEASUREMENT, FRACTION_OF_IMPACT -> Optional.empty();
    };
  }

  /**
   * The expected saving for this bottleneck, before the summary is filled in; empty when the
   * evidence lacks a measurement the formula needs.
   */
  public Optional<Double> compute(BottleneckDetected bottleneck) {
    Double measured = value(bottleneck, measurement);
    Optional<Double> raw =
        switch (method) {
          case EXCESS_OVER_THRESHOLD -> difference(measured, value(bottleneck, threshold));
          case DIFFERENCE -> difference(measured, value(bottleneck, minus));
          case FRACTION_OF_MEASUREMENT ->
              Optional.ofNullable(measured).map(value -> value * fraction);
          case FRACTION_OF_IMPACT -> Optional.of(bottleneck.impact().value() * fraction);
          case BELOW_TARGET -> difference(target, measured);
          case ABOVE_TARGET -> difference(measured, target);
        };
    double factor = scale == null ? 1 : scale;
    return raw.map(value -> Math.max(0, value) * factor);
  }

  private static Optional<Double> difference(Double from, Double less) {
    return from == null || less == null ? Optional.empty() : Optional.of(from - less);
  }

  /** The measurement the formula starts from, shown as {@code {measured}}. */
  public Optional<Double> measuredValue(BottleneckDetected bottleneck) {
    return Optional.ofNullable(value(bottleneck, measurement));
  }

  /**
   * What the measurement should read once the fix is in, shown as {@code {after}}: a validation
   * target computed from the same evidence as the saving.
   */
  public Optional<Double> expectedAfter(BottleneckDetected bottleneck) {
    Optional<Double> measured = measuredValue(bottleneck);
    Optional<Double> saving = compute(bottleneck).map(value -> value / (scale == null ? 1 : scale));
    if (measured.isEmpty() || saving.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        method == Method.BELOW_TARGET
            ? measured.get() + saving.get()
            : measured.get() - saving.get());
  }

  /** The placeholders only some formulas can fill. */
  Set<String> placeholders() {
    Set<String> names = new HashSet<>();
    if (method != Method.FRACTION_OF_MEASUREMENT && method != Method.FRACTION_OF_IMPACT) {
      names.add(Templates.THRESHOLD);
    }
    if (method != Method.FRACTION_OF_IMPACT) {
      names.add(Templates.MEASURED);
      names.add(Templates.AFTER);
    }
    return names;
  }

  /** The names of the evidence measurements the formula needs. */
  public List<String> requiredMeasurements() {
    return switch (method) {
      case EXCESS_OVER_THRESHOLD -> List.of(measurement, threshold);
      case DIFFERENCE -> List.of(measurement, minus);
      case FRACTION_OF_MEASUREMENT, BELOW_TARGET, ABOVE_TARGET -> List.of(measurement);
      case FRACTION_OF_IMPACT -> List.of();
    };
  }
}
