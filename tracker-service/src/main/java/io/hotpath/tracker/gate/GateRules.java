package io.hotpath.tracker.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The CI gate's regression rules: a candidate fails when its startup or memory reaches the ratio of
 * the baseline's (default 1.2), when an endpoint's p95 reaches its ratio (default 1.5), or when it
 * shows a bottleneck the baseline did not know. Each limit is strict: exactly 1.2 x fails.
 */
public final class GateRules {

  /** The ratios a candidate must stay below. */
  public record Ratios(double startup, double memory, double endpoint) {}

  /** One comparison with the baseline. */
  public record Check(
      String check,
      String unit,
      double baseline,
      double candidate,
      double ratio,
      double limit,
      boolean pass) {}

  /**
   * The verdict: {@code reasons} says why it failed (with the numbers), {@code notes} what was not
   * compared.
   */
  public record Result(
      boolean pass,
      List<String> reasons,
      List<String> notes,
      List<Check> checks,
      List<String> newBottlenecks) {}

  private GateRules() {}

  /**
   * Compares {@code candidate} with {@code baseline}; {@code describe} names a new bottleneck's
   * fingerprint for people (its human id and location where the tracker knows it).
   */
  public static Result evaluate(
      Measurements baseline,
      Measurements candidate,
      Ratios ratios,
      Function<String, String> describe) {
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    compare(
        "startup",
        "ms",
        baseline.startupMs(),
        candidate.startupMs(),
        ratios.startup(),
        "startup",
        baseline.version(),
        checks,
        reasons);
    compare(
        "memory",
        "MB",
        baseline.memoryMb(),
        candidate.memoryMb(),
        ratios.memory(),
        "memory",
        baseline.version(),
        checks,
        reasons);
    Map<String, Double> before = new TreeMap<>(baseline.endpointP95Ms());
    Map<String, Double> after = new TreeMap<>(candidate.endpointP95Ms());
    for (Map.Entry<String, Double> endpoint : after.entrySet()) {
      Double was = before.get(endpoint.getKey());
      if (was == null) {
        notes.add("endpoint " + endpoint.getKey() + " has no baseline; not compared");
        continue;
      }
      compare(
          "endpoint " + endpoint.getKey(),
          "ms",
          was,
          endpoint.getValue(),
          ratios.endpoint(),
          "endpoint " + endpoint.getKey() + " p95",
          baseline.version(),
          checks,
          reasons);
    }
    for (String endpoint : before.keySet()) {
      if (!after.containsKey(endpoint)) {
        notes.add("endpoint " + endpoint + " was not measured in the candidate; not compared");
      }
    }
    Set<String> known = Set.copyOf(baseline.bottlenecks());
    List<String> fresh = new ArrayList<>();
    for (String fingerprint : new LinkedHashSet<>(candidate.bottlenecks())) {
      if (!known.contains(fingerprint)) {
        fresh.add(fingerprint);
        reasons.add(
            "new bottleneck "
                + describe.apply(fingerprint)
                + ", not known at the baseline "
                + baseline.version());
      }
    }
    return new Result(reasons.isEmpty(), reasons, notes, checks, fresh);
  }

  private static void compare(
      String check,
      String unit,
      double baseline,
      double candidate,
      double limit,
      String what,
      String baselineVersion,
      List<Check> checks,
      List<String> reasons) {
    double ratio = baseline > 0 ? candidate / baseline : Double.POSITIVE_INFINITY;
    boolean pass = candidate < limit * baseline;
    checks.add(new Check(check, unit, baseline, candidate, round(ratio, 3), limit, pass));
    if (!pass) {
      reasons.add(
          what
              + " "
              + number(candidate)
              + " "
              + unit
              + " is "
              + number(round(ratio, 2))
              + " x the baseline "
              + number(baseline)
              + " "
              + unit
              + " of "
              + baselineVersion
              + "; it must stay below "
              + number(limit)
              + " x ("
              + number(limit * baseline)
              + " "
              + unit
              + ")");
    }
  }

  private static double round(double value, int places) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return value;
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }

  /** A number as people write it: {@code 2520}, {@code 1.24}, never {@code 2520.0000001}. */
  static String number(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
