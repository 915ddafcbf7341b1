package io.hotpath.contracts.query;

import static io.hotpath.contracts.query.SqlNormalizer.location;
import static io.hotpath.contracts.query.SqlNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class SqlNormalizerTest {

  @Test
  void replacesStringAndNumberLiteralsWithPlaceholders() {
    assertThat(normalize("SELECT * FROM orders WHERE id = 42 AND note = 'it''s' AND x > 1.5e3"))
        .isEqualTo("select * from orders where id = ? and note = ? and x > ?");
  }

  @Test
  void replacesHexBooleanAndPrefixedLiterals() {
    assertThat(normalize("update t set a = 0xFF, b = TRUE, c = false, d = X'0A', e = E'x\\'y'"))
        .isEqualTo("update t set a = ?, b = ?, c = ?, d = ?, e = ?");
  }

  @Test
  void keepsPlaceholdersAsQuestionMarks() {
    assertThat(normalize("select * from users where id = $1 and org = $12"))
        .isEqualTo(normalize("select * from users where id = ? and org = ?"))
        .isEqualTo("select * from users where id = ? and org = ?");
  }

  @Test
  void collapsesInListsOfAnyLength() {
    assertThat(normalize("select * from t where id in (1, 2, 3)"))
        .isEqualTo(normalize("select * from t where id IN ($1)"))
        .isEqualTo("select * from t where id in (?)");
  }

  @Test
  void keepsASubqueryInsideIn() {
    assertThat(normalize("select * from t where id in (select id from u where k = 3)"))
        .isEqualTo("select * from t where id in (select id from u where k = ?)");
  }

  @Test
  void collapsesMultiRowValuesLists() {
    assertThat(normalize("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, null);"))
        .isEqualTo(normalize("insert into t(a,b) values ($1, $2)"))
        .isEqualTo("insert into t(a, b) values (?)");
  }

  @Test
  void collapsesArrayLiterals() {
    assertThat(normalize("select * from t where id = any(array[1,2,3])"))
        .isEqualTo("select * from t where id = any (array[?])");
  }

  @Test
  void foldsWhitespaceAndCaseAndStripsComments() {
    assertThat(
            normalize(
                "/* app:checkout */ SELECT  id,\n\tName -- trailing\nFROM   \"Orders\" # mysql\n"))
        .isEqualTo("select id, name from orders");
  }

  @Test
  void negativeNumbersAreLiteralsButSubtractionStays() {
    assertThat(normalize("select a - 1 from t where b = -5 and c in (-1, 2)"))
        .isEqualTo("select a - ? from t where b = ? and c in (?)");
  }

  @Test
  void dollarQuotedStringsAreLiterals() {
    assertThat(normalize("select $$it's$$, $tag$x$tag$ from t")).isEqualTo("select ?, ? from t");
  }

  @Test
  void keepsCastsAndIdentifiersWithDigits() {
    assertThat(normalize("select '2020-01-01'::date, col1 from table2"))
        .isEqualTo("select ?::date, col1 from table2");
  }

  @Test
  void theLocationIsQueryAndTwelveHexDigitsOfTheNormalizedText() {
    assertThat(location(normalize("select 1"))).matches("query:[0-9a-f]{12}");
    assertThat(location(normalize("select 1"))).isEqualTo(location(normalize("SELECT 2")));
  }

  /**
   * The names the analyzer gave slow queries before this class moved to {@code contracts}; the
   * expected hex is {@code printf %s '<normalized>' | sha256sum}, the first 12 digits. A change
   * here would give every tracked slow query a new fingerprint.
   */
  @Test
  void keepsTheNamesBottlenecksAreAlreadyTrackedUnder() {
    assertThat(normalize("SELECT * FROM invoices WHERE customer_id = $1"))
        .isEqualTo("select * from invoices where customer_id = ?");
    assertThat(location("select * from invoices where customer_id = ?"))
        .isEqualTo("query:6664f06c266b");
    assertThat(location(normalize("SELECT * FROM \"Orders\" WHERE id IN (1, 2, 3) AND note = 'x'")))
        .isEqualTo("query:1b8ad2d6c190");
  }

  @Test
  void locatesAStatementAsAClientWroteIt() {
    assertThat(SqlNormalizer.locate("select * from invoices where customer_id = 42 -- hot"))
        .contains("query:6664f06c266b");
    assertThat(SqlNormalizer.locate("  -- only a comment\n ;")).isEmpty();
  }

  // Property: equivalent queries (other literals, case, spacing, comments, list lengths) share a
  // fingerprint, and queries on different tables never do. Seeded, so a failure reproduces.

  static final List<String> TEMPLATES =
      List.of(
          "select * from {table} where id = %s and name = %s",
          "SELECT a, b FROM {table} WHERE id IN ({list}) AND flag = %s",
          "update {table} set total = %s where id = %s",
          "insert into {table} (a, b) values (%s, %s)",
          "delete from {table} where created < %s and k = %s");

  static String literal(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> Integer.toString(random.nextInt(100000) - 50000);
      case 1 -> "'" + UUID.randomUUID() + "'";
      case 2 -> "$" + (1 + random.nextInt(9));
      case 3 -> "?";
      case 4 -> random.nextBoolean() ? "TRUE" : "false";
      default -> String.format(Locale.ROOT, "%.3f", random.nextDouble() * 1000);
    };
  }

  static String variant(Random random, String template, String table) {
    StringBuilder list = new StringBuilder(literal(random));
    for (int i = random.nextInt(20); i > 0; i--) {
      list.append(", ").append(literal(random));
    }
    String query =
        template
            .replace("{table}", random.nextBoolean() ? table.toUpperCase(Locale.ROOT) : table)
            .replace("{list}", list);
    while (query.contains("%s")) {
      query = query.replaceFirst("%s", Matcher.quoteReplacement(literal(random)));
    }
    StringBuilder noisy = new StringBuilder();
    if (random.nextBoolean()) {
      noisy.append("/* trace ").append(random.nextInt()).append(" */ ");
    }
    for (String word : query.split(" ")) {
      noisy.append(random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word);
      noisy.append(random.nextBoolean() ? " " : "\n\t  ");
    }
    if (random.nextBoolean()) {
      noisy.append("-- by ").append(random.nextInt());
    }
    return noisy.toString();
  }

  @RepeatedTest(50)
  void equivalentQueriesShareAFingerprintAndOtherTablesNeverDo(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
    String table = "t" + random.nextInt(1000);
    String other = table + "x";

    String one = normalize(variant(random, template, table));
    String two = normalize(variant(random, template, table));
    String elsewhere = normalize(variant(random, template, other));

    assertThat(location(one)).as("%s vs %s", one, two).isEqualTo(location(two));
    assertThat(location(elsewhere)).isNotEqualTo(location(one));
  }
}
