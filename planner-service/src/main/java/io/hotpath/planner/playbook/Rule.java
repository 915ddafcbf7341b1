package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a playbook applies to a bottleneck of its type, beyond the type itself. Every condition
 * given must hold; an absent condition holds. Words are matched case-insensitively.
 *
 * @param severity the bottleneck's severity is one of these
 * @param location a regular expression found in the location ({@code ^query:}, {@code ^frame:})
 * @param mentions one of these words is in the location, the evidence description or the stack
 * @param descriptionContains one of these words is in the evidence description
 * @param measured every one of these evidence measurements is present
 * @param measurements every comparison holds, e.g. {@code "seqScan >= 1"}; a comparison on a
 *     measurement the evidence lacks does not hold
 */
public record Rule(
    List<Severity> severity,
    Pattern location,
    List<String> mentions,
    List<String> descriptionContains,
    List<String> measured,
    List<Comparison> measurements) {

  @JsonCreator
  public static Rule of(
      @JsonProperty("severity") List<Severity> severity,
      @JsonProperty("location") String location,
      @JsonProperty("mentions") List<String> mentions,
      @JsonProperty("descriptionContains") List<String> descriptionContains,
      @JsonProperty("measured") List<String> measured,
      @JsonProperty("measurements") List<String> measurements) {
    Pattern pattern = null;
    if (location != null) {
      try {
        pattern = Pattern.compile(Specs.requireText(location, "location"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "location is not a regular expression: " + e.getDescription(), e);
      }
    }
    List<Comparison> comparisons =
        measurements == null
            ? List.of()
            : Specs.requireNonEmpty(measurements, "measurements").stream()
                .map(Comparison::parse)
                .toList();
    Rule rule =
        new Rule(
            severity == null ? List.of() : List.copyOf(severity),
            pattern,
            words(mentions, "mentions"),
            words(descriptionContains, "descriptionContains"),
            measured == null ? List.of() : Specs.requireNonEmpty(measured, "measured"),
            comparisons);
    if (rule.severity.isEmpty()
        && pattern == null
        && rule.mentions.isEmpty()
        && rule.descriptionContains.isEmpty()
        && rule.measured.isEmpty()
        && comparisons.isEmpty()) {
      throw new IllegalArgumentException(
          "when must hold at least one condition (severity, location, mentions,"
              + " descriptionContains, measured, measurements); leave it out to match every"
              + " bottleneck of the type");
    }
    return rule;
  }

  private static List<String> words(List<String> words, String field) {
    return words == null
        ? List.of()
        : Specs.requireNonEmpty(words, field).stream()
            .map(word -> word.toLowerCase(Locale.ROOT))
            .toList();
  }

  /** Whether the bottleneck meets every condition. */
  public boolean matches(BottleneckDetected bottleneck) {
    if (!severity.isEmpty() && !severity.contains(bottleneck.severity())) {
      return false;
    }
    if (location != null && !location.matcher(bottleneck.location()).find()) {
      return false;
    }
    String description = bottleneck.evidence().description().toLowerCase(Locale.ROOT);
    if (!descriptionContains.isEmpty()
        && descriptionContains.stream().noneMatch(description::contains)) {
      return false;
    }
    if (!mentions.isEmpty()) {
      String text =
          (bottleneck.location()
                  + "\n"
                  + description
                  + "\n"
                  + String.join("\n", bottleneck.evidence().stack()))
              .toLowerCase(Locale.ROOT);
      if (mentions.stream().noneMatch(text::contains)) {
        return false;
      }
    }
    Map<String, Double> values = bottleneck.evidence().measurements();
    if (!values.keySet().containsAll(measured)) {
      return false;
    }
    return measurements.stream().allMatch(comparison -> comparison.holds(values));
  }

  /** {@code name op number}, e.g. {@code seqScan >= 1}. */
  public record Comparison(String measurement, String operator, double value) {
    private static final Pattern FORM =
        Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9_]*)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*");

    static Comparison parse(String text) {
      var matcher = FORM.matcher(text);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "measurements: '"
                + text
                + "' is not a comparison like 'seqScan >= 1' (operators: > >= < <= == !=)");
      }
      return new Comparison(
          matcher.group(1), matcher.group(2), Double.parseDouble(matcher.group(3)));
    }

    boolean holds(Map<String, Double> values) {
      Double measured = values.get(measurement);
      if (measured == null) {
        return false;
      }
      int cmp = Double.compare(measured, value);
      return switch (operator) {
        case ">" -> cmp > 0;
        case ">=" -> cmp >= 0;
        case "<" -> cmp < 0;
        case "<=" -> cmp <= 0;
        case "==" -> cmp == 0;
        case "!=" -> cmp != 0;
        default -> throw new IllegalStateException("operator " + operator);
      };
    }

    @Override
    public String toString() {
      return measurement + " " + operator + " " + value;
    }
  }
}
