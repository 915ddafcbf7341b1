package io.hotpath.tracker.rollback;

import io.hotpath.contracts.tracking.RollbackRequested;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {tenant}}, {@code {service}}, {@code {environment}}, {@code {version}}, {@code
 * {flag}}, {@code {target}}, {@code {rollbackTo}}, {@code {bottleneck}}, {@code {commandId}},
 * {@code {incidentKey}}, {@code {method}} and {@code {reason}} into a template. Other braces are
 * left alone, so a JSON body template needs no escaping.
 */
public final class Placeholders {
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{(tenant|service|environment|version|flag|target|rollbackTo|bottleneck|commandId"
              + "|incidentKey|method|reason)}");

  /** How a value is written into the template. */
  public enum Escape {
    NONE,
    /** A URL path segment or query value. */
    URL,
    /** Inside a JSON string. */
    JSON
  }

  private Placeholders() {}

  public static Map<String, String> of(RollbackRequested c, String flag) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("tenant", c.tenant());
    values.put("service", c.service());
    values.put("environment", c.environment());
    values.put("version", c.version());
    values.put("flag", flag == null ? "" : flag);
    values.put("target", c.target() == null ? "" : c.target());
    values.put("rollbackTo", c.rollbackTo() == null ? "" : c.rollbackTo());
    values.put("bottleneck", c.bottleneckFingerprint());
    values.put("commandId", c.commandId());
    values.put("incidentKey", c.incidentKey());
    values.put("method", c.method().name());
    values.put("reason", c.reason());
    return values;
  }

  public static String fill(String template, Map<String, String> values, Escape escape) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(escape(value, escape)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String escape(String value, Escape escape) {
    return switch (escape) {
      case NONE -> value;
      case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
      case JSON -> json(value);
    };
  }

  private static String json(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.toString();
  }
}
