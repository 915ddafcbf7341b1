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

  static final Set<String> NAMES =
      Set.of(LOCATION, SERVICE, ENVIRONMENT, TYPE, THRESHOLD, VALUE, UNIT);

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
