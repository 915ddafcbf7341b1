package io.hotpath.analyzer.detect.trace;

/**
 * The shape of a statement's text: the same text with every number literal written {@code 1} and
 * every string literal {@code ''}. Clients send each call's own literals ({@code where id = 42}),
 * so almost every query span's text is new, while its shape is the statement's: the shape keys the
 * cache of normalized statements, and a statement is normalized and hashed once, not once per call.
 *
 * <p>Texts of one shape normalize alike because {@link io.hotpath.contracts.query.SqlNormalizer}
 * reads literals exactly as this class does (a number starts with a digit and runs through digits,
 * dots and an exponent; a string runs to its closing quote, a doubled quote escaping it) and turns
 * each into {@code ?} whatever its value. Where the reading of a literal could depend on more than
 * that (comments, quoted identifiers, dollar quotes, backslash escapes, hex numbers, numbers that
 * start with a dot or are followed by one or an {@code e}, an unterminated string) there is no
 * shape and the text is its own key.
 */
final class LiteralShape {
  private LiteralShape() {}

  /** The shape of {@code text}, or null when it has none. */
  static String of(String text) {
    int n = text.length();
    StringBuilder shape = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '#' || c == '/' || c == '$' || c == '"' || c == '`' || c == '[' || c == '\\') {
        return null;
      }
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        return null;
      }
      if (Character.isLetter(c) || c == '_') {
        // A word, digits in it included: they are part of a name, not literals.
        i++;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
      } else if (Character.isDigit(c)) {
        if (c == '0' && i + 1 < n && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')) {
          return null;
        }
        int end = numberEnd(text, i);
        if (end < n
            && (text.charAt(end) == '.' || text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
          // 1e5.2 is two numbers, 1.2 one: what follows must not extend the 1 written instead.
          return null;
        }
        shape = replace(shape, text, copied, i, "1");
        copied = end;
        i = end;
      } else if (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
        return null;
      } else if (c == '\'') {
        int end = stringEnd(text, i);
        if (end < 0) {
          return null;
        }
        shape = replace(shape, text, copied, i, "''");
        copied = end;
        i = end;
      } else {
        i++;
      }
    }
    if (shape == null) {
      return text;
    }
    return shape.append(text, copied, n).toString();
  }

  private static StringBuilder replace(
      StringBuilder shape, String text, int copied, int at, String literal) {
    StringBuilder out = shape == null ? new StringBuilder(text.length()) : shape;
    return out.append(text, copied, at).append(literal);
  }

  /** As the normalizer reads a decimal number: digits and dots, then an optional exponent. */
  private static int numberEnd(String text, int i) {
    int n = text.length();
    while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(text.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }

  /**
   * The index after the closing quote (a doubled quote escapes it); -1 when there is none or a
   * backslash comes first.
   */
  private static int stringEnd(String text, int open) {
    int n = text.length();
    int i = open + 1;
    while (i < n) {
      if (text.charAt(i) == '\\') {
        // The normalizer reads a backslash as an escape: what it escapes is not for a shape.
        return -1;
      }
      if (text.charAt(i) == '\'') {
        if (i + 1 < n && text.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return -1;
  }
}
