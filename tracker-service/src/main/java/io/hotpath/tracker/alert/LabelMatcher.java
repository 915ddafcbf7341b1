package io.hotpath.tracker.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Prometheus-style label matcher ({@code name="value"}, {@code !=}, {@code =~}, {@code !~}) with
 * Alertmanager's semantics: a missing label has the empty value, and regular expressions are
 * anchored at both ends.
 */
public record LabelMatcher(String name, Operator operator, String value, Pattern pattern) {

  /** How the label's value is compared. */
  public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    MATCHES("=~"),
    NOT_MATCHES("!~");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (operator) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case MATCHES -> pattern.matcher(actual).matches();
      case NOT_MATCHES -> !pattern.matcher(actual).matches();
    };
  }

  @Override
  public String toString() {
    return name + operator.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Reads a comma-separated list such as {@code severity=~"critical|page",team="payments"}
   * (optionally in braces; values quoted with {@code \"} and {@code \\} escapes, or unquoted up to
   * the next comma). Throws {@link IllegalArgumentException} saying what is wrong where.
   */
  public static List<LabelMatcher> parseAll(String text) {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (text == null) {
      return matchers;
    }
    String s = text.trim();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    int i = 0;
    int n = s.length();
    while (true) {
      i = skipSpaces(s, i);
      if (i >= n) {
        break;
      }
      int nameStart = i;
      while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      String name = s.substring(nameStart, i);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "expected a label name at position " + nameStart + " of '" + text + "'");
      }
      i = skipSpaces(s, i);
      Operator operator;
      if (s.startsWith("=~", i)) {
        operator = Operator.MATCHES;
      } else if (s.startsWith("!~", i)) {
        operator = Operator.NOT_MATCHES;
      } else if (s.startsWith("!=", i)) {
        operator = Operator.NOT_EQUAL;
      } else if (s.startsWith("=", i)) {
        operator = Operator.EQUAL;
      } else {
        throw new IllegalArgumentException(
            "expected =, !=, =~ or !~ after '" + name + "' in '" + text + "'");
      }
      i = skipSpaces(s, i + operator.symbol().length());
      StringBuilder value = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(s.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          throw new IllegalArgumentException(
              "unterminated quoted value of '" + name + "' in '" + text + "'");
        }
      } else {
        int valueStart = i;
        while (i < n && s.charAt(i) != ',') {
          i++;
        }
        value.append(s.substring(valueStart, i).trim());
      }
      matchers.add(of(name, operator, value.toString()));
      i = skipSpaces(s, i);
      if (i < n) {
        if (s.charAt(i) != ',') {
          throw new IllegalArgumentException(
              "expected ',' at position " + i + " of '" + text + "'");
        }
        i++;
      }
    }
    return matchers;
  }

  public static LabelMatcher of(String name, Operator operator, String value) {
    Pattern pattern = null;
    if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
      try {
        pattern = Pattern.compile("^(?:" + value + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "'" + value + "' of '" + name + "' is not a valid regular expression", e);
      }
    }
    return new LabelMatcher(name, operator, value, pattern);
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
