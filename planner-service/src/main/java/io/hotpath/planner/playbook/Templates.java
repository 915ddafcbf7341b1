package io.hotpath.planner.playbook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a playbook's text may use, filled from the bottleneck a plan is made for. The
 * set is closed so a typo in the catalog is refused at startup instead of reaching a plan.
 */
public final class Templates {
  /** The bottleneck's normalized location, e.g. {@code startup-phase:hibernate-bootstrap}. */
  public static final String LOCATION = "location";

  public static final String SERVICE = "service";
  public static final String ENVIRONMENT = "environment";
  public static final String TYPE = "type";

  /** The goal measurement of the improvement formula, where it has one. */
  public static final String THRESHOLD = "threshold";

  /** The expected improvement's value and unit. */
  public static final String VALUE = "value";

  public static final String UNIT = "unit";

  /** The evidence's description: the human text, e.g. the normalized SQL of a slow query. */
  public static final String DESCRIPTION = "description";

  public static final String SEVERITY = "severity";

  /** The bottleneck's own impact, e.g. {@code 120 ms}. */
  public static final String IMPACT = "impact";

  /** The measurement the improvement formula starts from. */
  public static final String MEASURED = "measured";

  /** What that measurement should read after the fix: a validation target. */
  public static final String AFTER = "after";

  static final Set<String> NAMES =
      Set.of(
          LOCATION,
          SERVICE,
          ENVIRONMENT,
          TYPE,
          THRESHOLD,
          VALUE,
          UNIT,
          DESCRIPTION,
          SEVERITY,
          IMPACT,
          MEASURED,
          AFTER);

  /** Placeholders that only some improvement formulas fill. */
  static final Set<String> FORMULA_NAMES = Set.of(THRESHOLD, MEASURED, AFTER);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private Templates() {}

  /** Refuses a text that uses a placeholder outside {@link #NAMES}. */
  static String check(String text, String field) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!NAMES.contains(matcher.group(1))) {
        throw new IllegalArgumentException(
            field
                + " uses unknown placeholder {"
                + matcher.group(1)
                + "}; known: "
                + NAMES.stream().sorted().toList());
      }
    }
    return text;
  }

  static List<String> checkAll(List<String> texts, String field) {
    for (int i = 0; i < texts.size(); i++) {
      check(texts.get(i), field + "[" + i + "]");
    }
    return texts;
  }

  /** The placeholder names a text uses. */
  static Set<String> used(String text) {
    Set<String> names = new java.util.HashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Fills every placeholder that {@code values} has; one it lacks is left as written. */
  public static String render(String text, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  public static List<String> renderAll(List<String> texts, Map<String, String> values) {
    return texts.stream().map(text -> render(text, values)).toList();
  }
}
