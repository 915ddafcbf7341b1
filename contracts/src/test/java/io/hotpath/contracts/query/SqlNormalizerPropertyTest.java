package io.hotpath.contracts.query;

import static io.hotpath.contracts.query.SqlNormalizer.location;
import static io.hotpath.contracts.query.SqlNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link SqlNormalizer} over generated statements of real shapes (SELECT, UPDATE,
 * DELETE, INSERT with WHERE conditions, IN lists, string literals with escaped quotes): a {@link
 * Shape} is the statement's structure, and {@link Shape#render} writes it with any literals, list
 * lengths, spacing, letter case and comments. Two renderings of one shape must share a fingerprint;
 * shapes over different tables must never share one.
 */
class SqlNormalizerPropertyTest {
  private static final List<String> TABLES =
      List.of(
          "orders",
          "order_items",
          "users",
          "Customers",
          "line_items",
          "invoices",
          "t1",
          "t2",
          "audit_log",
          "Products");
  private static final List<String> COLUMNS =
      List.of("id", "status", "total", "created_at", "name", "tenant_id", "price", "qty", "note");
  private static final List<String> OPERATORS = List.of("=", "<", ">", "<=", ">=", "<>", "!=");
  private static final List<String> SPACES = List.of(" ", "  ", "\t", "\n", " \r\n  ", "\n\t");
  private static final String STRING_CHARS = "abcXYZ 0129_-;,()?$:/*#%.";

  /** One piece of a statement's structure; literals and lists are filled in by a rendering. */
  sealed interface Part {}

  /** A keyword or operator, written as is (in any case). */
  record Word(String text) implements Part {}

  /** A table or column name, written bare or, for tables, double-quoted. */
  record Name(String name, boolean table) implements Part {}

  /** A string, number or placeholder. */
  record Literal() implements Part {}

  /** {@code (v, v, ...)} after IN, of any length. */
  record ValueList() implements Part {}

  /** {@code (v, ...), (v, ...)} after VALUES: one or more rows of {@code width} values. */
  record Rows(int width) implements Part {}

  record Shape(String table, List<Part> parts) {
    String render(Random random) {
      List<String> tokens = new ArrayList<>();
      for (Part part : parts) {
        if (part instanceof Word w) {
          tokens.add(randomCase(random, w.text()));
        } else if (part instanceof Name n) {
          tokens.add(n.table() ? tableName(random, n.name()) : randomCase(random, n.name()));
        } else if (part instanceof Literal) {
          tokens.add(literal(random));
        } else if (part instanceof ValueList) {
          tokens.addAll(list(random, 1 + random.nextInt(25)));
        } else if (part instanceof Rows r) {
          int rows = 1 + random.nextInt(4);
          for (int i = 0; i < rows; i++) {
            if (i > 0) {
              tokens.add(",");
            }
            tokens.addAll(list(random, r.width()));
          }
        }
      }
      StringBuilder sql = new StringBuilder();
      if (random.nextInt(4) == 0) {
        sql.append("/* app=checkout, it's traced */ ");
      }
      for (int i = 0; i < tokens.size(); i++) {
        if (i > 0) {
          sql.append(separator(random, tokens.get(i - 1), tokens.get(i)));
        }
        sql.append(tokens.get(i));
      }
      if (random.nextBoolean()) {
        sql.append(random.nextBoolean() ? ";" : " ;");
      }
      if (random.nextInt(4) == 0) {
        sql.append(" -- caller: OrderRepository.find('x')");
      }
      return sql.toString();
    }
  }

  @Property(tries = 300)
  void renderingsOfOneStatementShareAFingerprint(
      @ForAll("shapes") Shape shape, @ForAll long seedOne, @ForAll long seedTwo) {
    String one = shape.render(new Random(seedOne));
    String two = shape.render(new Random(seedTwo));

    assertThat(location(normalize(one)))
        .as("%s%n  -> %s%n%s%n  -> %s", one, normalize(one), two, normalize(two))
        .isEqualTo(location(normalize(two)));
  }

  @Property(tries = 300)
  void statementsOverDifferentTablesNeverShareAFingerprint(
      @ForAll("shapes") Shape one, @ForAll("shapes") Shape two, @ForAll long seed) {
    if (one.table().equalsIgnoreCase(two.table())) {
      return;
    }
    Random random = new Random(seed);
    String a = one.render(random);
    String b = two.render(random);

    assertThat(location(normalize(a)))
        .as("%s%n  -> %s%n%s%n  -> %s", a, normalize(a), b, normalize(b))
        .isNotEqualTo(location(normalize(b)));
  }

  @Property(tries = 200)
  void theSameStatementOnAnotherTableGetsAnotherFingerprint(
      @ForAll("shapes") Shape shape, @ForAll("tables") String other, @ForAll long seed) {
    if (other.equalsIgnoreCase(shape.table())) {
      return;
    }
    Shape moved = new Shape(other, shape.parts().stream().map(p -> retable(p, other)).toList());

    assertThat(location(normalize(moved.render(new Random(seed)))))
        .isNotEqualTo(location(normalize(shape.render(new Random(seed)))));
  }

  @Provide
  Arbitrary<String> tables() {
    return Arbitraries.of(TABLES);
  }

  @Provide
  Arbitrary<Shape> shapes() {
    Arbitrary<List<String>> columns = Arbitraries.of(COLUMNS).list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<List<Part>>> conditions = condition().list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<Shape> select =
        Combinators.combine(tables(), columns, conditions, Arbitraries.integers().between(0, 3))
            .as(
                (table, cols, where, tail) -> {
                  List<Part> parts = new ArrayList<>(List.of(new Word("SELECT")));
                  commaSeparated(parts, cols);
                  parts.add(new Word("FROM"));
                  parts.add(new Name(table, true));
                  where(parts, where);
                  if (tail % 2 == 1) {
                    parts.addAll(
                        List.of(new Word("ORDER"), new Word("BY"), new Name(cols.get(0), false)));
                  }
                  if (tail >= 2) {
                    parts.addAll(List.of(new Word("LIMIT"), new Literal()));
                  }
                  return new Shape(table, parts);
                });
    Arbitrary<Shape> update =
        Combinators.combine(tables(), columns, conditions)
            .as(
                (table, cols, where) -> {
                  List<Part> parts =
                      new ArrayList<>(
                          List.of(new Word("UPDATE"), new Name(table, true), new Word("SET")));
                  for (int i = 0; i < cols.size(); i++) {
                    if (i > 0) {
                      parts.add(new Word(","));
                    }
                    parts.addAll(
                        List.of(new Name(cols.get(i), false), new Word("="), new Literal()));
                  }
                  where(parts, where);
                  return new Shape(table, parts);
                });
    Arbitrary<Shape> delete =
        Combinators.combine(tables(), conditions)
            .as(
                (table, where) -> {
                  List<Part> parts =
                      new ArrayList<>(
                          List.of(new Word("DELETE"), new Word("FROM"), new Name(table, true)));
                  where(parts, where);
                  return new Shape(table, parts);
                });
    Arbitrary<Shape> insert =
        Combinators.combine(tables(), columns)
            .as(
                (table, cols) -> {
                  List<Part> parts =
                      new ArrayList<>(
                          List.of(
                              new Word("INSERT"),
                              new Word("INTO"),
                              new Name(table, true),
                              new Word("(")));
                  commaSeparated(parts, cols);
                  parts.addAll(List.of(new Word(")"), new Word("VALUES"), new Rows(cols.size())));
                  return new Shape(table, parts);
                });
    return Arbitraries.oneOf(select, update, delete, insert);
  }

  /** One WHERE condition over a column. */
  private static Arbitrary<List<Part>> condition() {
    Arbitrary<String> column = Arbitraries.of(COLUMNS);
    return Combinators.combine(
            column, Arbitraries.of(OPERATORS), Arbitraries.integers().between(0, 4))
        .as(
            (col, op, kind) ->
                switch (kind) {
                  case 0 -> List.<Part>of(new Name(col, false), new Word("IN"), new ValueList());
                  case 1 -> List.<Part>of(new Name(col, false), new Word("IS"), new Word("NULL"));
                  case 2 ->
                      List.<Part>of(
                          new Name(col, false),
                          new Word("BETWEEN"),
                          new Literal(),
                          new Word("AND"),
                          new Literal());
                  case 3 -> List.<Part>of(new Name(col, false), new Word("LIKE"), new Literal());
                  default -> List.<Part>of(new Name(col, false), new Word(op), new Literal());
                });
  }

  private static void where(List<Part> parts, List<List<Part>> conditions) {
    parts.add(new Word("WHERE"));
    for (int i = 0; i < conditions.size(); i++) {
      if (i > 0) {
        parts.add(new Word(i % 2 == 0 ? "OR" : "AND"));
      }
      parts.addAll(conditions.get(i));
    }
  }

  private static void commaSeparated(List<Part> parts, List<String> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        parts.add(new Word(","));
      }
      parts.add(new Name(columns.get(i), false));
    }
  }

  private static Part retable(Part part, String table) {
    return part instanceof Name n && n.table() ? new Name(table, true) : part;
  }

  private static String randomCase(Random random, String word) {
    return switch (random.nextInt(3)) {
      case 0 -> word.toLowerCase(Locale.ROOT);
      case 1 -> word.toUpperCase(Locale.ROOT);
      default -> {
        StringBuilder mixed = new StringBuilder();
        for (char c : word.toCharArray()) {
          mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        yield mixed.toString();
      }
    };
  }

  private static String tableName(Random random, String table) {
    return random.nextInt(3) == 0 ? '"' + table + '"' : randomCase(random, table);
  }

  private static List<String> list(Random random, int length) {
    List<String> tokens = new ArrayList<>();
    tokens.add("(");
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        tokens.add(",");
      }
      tokens.add(literal(random));
    }
    tokens.add(")");
    return tokens;
  }

  /** Any literal or placeholder: numbers of every form, strings with escaped quotes, booleans. */
  static String literal(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> Integer.toString(random.nextInt(1_000_000));
      case 1 -> "-" + random.nextInt(1000);
      case 2 -> String.format(Locale.ROOT, "%.4f", random.nextDouble() * 1000);
      case 3 -> random.nextInt(1000) + "e" + (random.nextBoolean() ? "-" : "") + random.nextInt(20);
      case 4 -> "'" + stringContent(random) + "'";
      case 5 -> "E'" + stringContent(random).replace("''", "\\'") + "'";
      case 6 -> "$" + (1 + random.nextInt(30));
      case 7 -> "?";
      case 8 -> random.nextBoolean() ? "TRUE" : "false";
      default -> "0x" + Integer.toHexString(random.nextInt());
    };
  }

  /** A string literal's inside: comment and placeholder markers, and quotes escaped by doubling. */
  private static String stringContent(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(16); i > 0; i--) {
      if (random.nextInt(6) == 0) {
        s.append("''");
      } else {
        s.append(STRING_CHARS.charAt(random.nextInt(STRING_CHARS.length())));
      }
    }
    return s.toString();
  }

  /** Whitespace, none next to punctuation, or a comment; always enough to keep words apart. */
  private static String separator(Random random, String before, String after) {
    boolean punctuation = isPunctuation(before) || isPunctuation(after);
    return switch (random.nextInt(6)) {
      case 0 -> punctuation ? "" : " ";
      case 1 -> " /* " + random.nextInt(100) + " */ ";
      case 2 -> " -- note 'x'\n";
      default -> SPACES.get(random.nextInt(SPACES.size()));
    };
  }

  private static boolean isPunctuation(String token) {
    return token.equals("(") || token.equals(")") || token.equals(",");
  }
}
