package io.hotpath.contracts.query;

import io.hotpath.contracts.Fingerprints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Normalizes SQL so that the same statement with other values has one fingerprint: comments
 * stripped; string, number, hex, boolean and dollar-quoted literals, {@code $1} and {@code ?}
 * placeholders become {@code ?}; {@code IN (...)}, {@code VALUES (...), (...)} and {@code
 * ARRAY[...]} lists of values collapse to one {@code ?}; quoted identifiers lose their quotes;
 * whitespace and case are folded; a trailing {@code ;} is dropped.
 *
 * <pre>{@code
 * SELECT * FROM "Orders" WHERE id IN (1, 2, 3) AND note = 'x'  -- by id
 *   -> select * from orders where id in (?) and note = ?
 * }</pre>
 *
 * <p>One statement has one name across Hotpath: the analyzer reports a slow query at {@link
 * #location} of its normalized form, and the tracker measures query statistics under the same name,
 * so a fix of that query is validated on that statement's own figures.
 */
public final class SqlNormalizer {
  /** Location prefix of a query; the planner's playbooks match on it. */
  public static final String LOCATION_PREFIX = "query:";

  private static final Set<String> BOOLEANS = Set.of("true", "false");

  /** Tokens after which a {@code -} or {@code +} is a sign, not an operator. */
  private static final Set<String> SIGN_CONTEXT =
      Set.of(
          "=", "<", ">", "<=", ">=", "<>", "!=", "(", ",", "and", "or", "not", "select", "where",
          "when", "then", "else", "between", "in", "values", "set", "return", "like", "is", "by",
          "limit", "offset", "[", "+", "-", "*", "/", "%");

  private SqlNormalizer() {}

  /** The location of a normalized statement: {@code query:} and 12 hex of its SHA-256. */
  public static String location(String normalized) {
    return LOCATION_PREFIX + Fingerprints.sha256Hex(normalized).substring(0, 12);
  }

  /**
   * The location of a statement as a client or {@code pg_stat_statements} wrote it: {@link
   * #location} of its {@link #normalize normalized} form; empty for a blank statement.
   */
  public static Optional<String> locate(String sql) {
    String normalized = normalize(sql);
    return normalized.isEmpty() ? Optional.empty() : Optional.of(location(normalized));
  }

  /** The normalized form of {@code sql}; empty for a blank statement. */
  public static String normalize(String sql) {
    List<String> tokens = collapseLists(signs(tokenize(sql)));
    return join(tokens);
  }

  private static List<String> tokenize(String sql) {
    List<String> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = skipTo(sql, i, "\n");
      } else if (c == '#' && (i + 1 >= n || sql.charAt(i + 1) != '>')) {
        i = skipTo(sql, i, "\n");
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'') {
        // A prefix letter right before the quote (E'', N'', X'', B'') belongs to the literal.
        if (!tokens.isEmpty() && isLiteralPrefix(tokens.get(tokens.size() - 1), sql, i)) {
          tokens.remove(tokens.size() - 1);
        }
        i = skipQuoted(sql, i, '\'');
        tokens.add("?");
      } else if (c == '"' || c == '`' || c == '[' && isBracketIdentifier(sql, i)) {
        char close = c == '[' ? ']' : c;
        int end = skipQuoted(sql, i, close);
        tokens.add(sql.substring(i + 1, Math.max(i + 1, end - 1)).toLowerCase(Locale.ROOT));
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        tokens.add("?");
      } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
        int tagEnd = dollarTagEnd(sql, i);
        String tag = sql.substring(i, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        i = close < 0 ? n : close + tag.length();
        tokens.add("?");
      } else if (Character.isDigit(c)
          || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i = skipNumber(sql, i);
        tokens.add("?");
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
          i++;
        }
        String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
        tokens.add(BOOLEANS.contains(word) ? "?" : word);
      } else if (c == '?') {
        i++;
        tokens.add("?");
      } else {
        String op = operator(sql, i);
        i += op.length();
        if (!op.equals(";")) {
          tokens.add(op);
        }
      }
    }
    return tokens;
  }

  private static boolean isLiteralPrefix(String previous, String sql, int quote) {
    return previous.length() == 1
        && "enxbu".contains(previous)
        && quote > 0
        && Character.toLowerCase(sql.charAt(quote - 1)) == previous.charAt(0)
        && (quote < 2 || !Character.isLetterOrDigit(sql.charAt(quote - 2)));
  }

  /** {@code [name]} is a T-SQL identifier; {@code ARRAY[1]} or {@code a[1]} is not. */
  private static boolean isBracketIdentifier(String sql, int i) {
    int close = sql.indexOf(']', i);
    if (close < 0) {
      return false;
    }
    String inside = sql.substring(i + 1, close);
    int before = i - 1;
    while (before >= 0 && sql.charAt(before) == ' ') {
      before--;
    }
    boolean afterWord =
        before >= 0
            && (Character.isLetterOrDigit(sql.charAt(before)) || sql.charAt(before) == ']')
            && i - 1 == before;
    return !afterWord && inside.matches("[A-Za-z_][A-Za-z0-9_ ]*");
  }

  private static int skipTo(String sql, int from, String end) {
    int at = sql.indexOf(end, from);
    return at < 0 ? sql.length() : at + end.length();
  }

  /** The index after the closing quote; a doubled quote or a backslash escapes it. */
  private static int skipQuoted(String sql, int open, char close) {
    int i = open + 1;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\\' && close == '\'' && i + 1 < n) {
        i += 2;
      } else if (c == close) {
        if (i + 1 < n && sql.charAt(i + 1) == close && close != ']') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** The index after {@code $tag$}, or -1 when this is not a dollar-quote opener. */
  private static int dollarTagEnd(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
  }

  private static int skipNumber(String sql, int i) {
    int n = sql.length();
    if (sql.charAt(i) == '0'
        && i + 1 < n
        && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
      i += 2;
      while (i < n && Character.digit(sql.charAt(i), 16) >= 0) {
        i++;
      }
      return i;
    }
    while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }

  private static String operator(String sql, int i) {
    for (String op : List.of("::", "<=", ">=", "<>", "!=", "||", "->>", "->", "#>>", "#>", ":=")) {
      if (sql.startsWith(op, i)) {
        return op;
      }
    }
    return String.valueOf(sql.charAt(i));
  }

  /** {@code = -5} is {@code = ?}: a sign before a literal belongs to it. */
  private static List<String> signs(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean sign = (t.equals("-") || t.equals("+")) && i + 1 < tokens.size();
      if (sign
          && tokens.get(i + 1).equals("?")
          && (out.isEmpty() || SIGN_CONTEXT.contains(out.get(out.size() - 1)))) {
        continue;
      }
      out.add(t);
    }
    return out;
  }

  /**
   * {@code in (?, ?)} and {@code in (?)} become {@code in (?)}, {@code array[?, ?]} becomes {@code
   * array[?]}, and {@code values (?, ?), (?, ?)} becomes {@code values (?)}.
   */
  private static List<String> collapseLists(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      String t = tokens.get(i);
      if ((t.equals("(") || t.equals("[")) && i > 0) {
        String close = t.equals("(") ? ")" : "]";
        int end = valueListEnd(tokens, i, close);
        String before = tokens.get(i - 1);
        boolean listContext = t.equals("[") || before.equals("in") || before.equals("values");
        if (end > 0 && listContext) {
          out.add(t);
          out.add("?");
          out.add(close);
          i = end + 1;
          if (before.equals("values")) {
            // More rows of values: (?, ?), (?, ?) ...
            while (i + 1 < tokens.size()
                && tokens.get(i).equals(",")
                && tokens.get(i + 1).equals("(")) {
              int rowEnd = valueListEnd(tokens, i + 1, ")");
              if (rowEnd < 0) {
                break;
              }
              i = rowEnd + 1;
            }
          }
          continue;
        }
      }
      out.add(t);
      i++;
    }
    return out;
  }

  /** The index of the closing token when only values and commas stand between; else -1. */
  private static int valueListEnd(List<String> tokens, int open, String close) {
    boolean expectValue = true;
    for (int j = open + 1; j < tokens.size(); j++) {
      String t = tokens.get(j);
      if (t.equals(close)) {
        return expectValue && j > open + 1 ? -1 : j;
      }
      if (expectValue && (t.equals("?") || t.equals("null") || t.equals("default"))) {
        expectValue = false;
      } else if (!expectValue && t.equals(",")) {
        expectValue = true;
      } else {
        return -1;
      }
    }
    return -1;
  }

  private static String join(List<String> tokens) {
    StringBuilder sql = new StringBuilder();
    String previous = null;
    for (String t : tokens) {
      boolean tight =
          previous == null
              || t.equals(",")
              || t.equals(")")
              || t.equals("]")
              || t.equals(".")
              || t.equals("::")
              || previous.equals("(")
              || previous.equals("[")
              || previous.equals(".")
              || previous.equals("::")
              || t.equals("(") && isWord(previous) && !isKeywordBeforeParen(previous)
              || t.equals("[") && isWord(previous);
      if (!tight) {
        sql.append(' ');
      }
      sql.append(t);
      previous = t;
    }
    return sql.toString();
  }

  private static final Set<String> KEYWORDS_BEFORE_PAREN =
      Set.of(
          "in",
          "values",
          "and",
          "or",
          "not",
          "exists",
          "from",
          "join",
          "on",
          "where",
          "as",
          "select",
          "using",
          "over",
          "when",
          "then",
          "else",
          "any",
          "all",
          "into",
          "set",
          "by",
          "with",
          "lateral",
          "union",
          "returning",
          "having",
          "is");

  private static boolean isWord(String token) {
    char c = token.charAt(0);
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isKeywordBeforeParen(String token) {
    return KEYWORDS_BEFORE_PAREN.contains(token);
  }
}
