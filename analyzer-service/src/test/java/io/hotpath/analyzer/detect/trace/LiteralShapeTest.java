package io.hotpath.analyzer.detect.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.query.SqlNormalizer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LiteralShapeTest {
  /** Pieces of SQL and of what is not quite SQL, joined with or without space between them. */
  private static final List<String> PIECES =
      List.of(
          "select",
          "SELECT",
          "from",
          "orders",
          "where",
          "id",
          "in",
          "values",
          "and",
          "or",
          "not",
          "limit",
          "set",
          "update",
          "insert",
          "into",
          "with",
          "call",
          "-",
          "+",
          "=",
          "<=",
          "<>",
          "::",
          "->>",
          "||",
          "(",
          ")",
          ",",
          ".",
          "*",
          ";",
          "?",
          "%",
          "[",
          "]",
          "$1",
          "$$x$$",
          "$tag$ a $tag$",
          "'a'",
          "'it''s'",
          "''",
          "'a\\'b'",
          "'",
          "'--'",
          "'/*'",
          "\"Q\"",
          "`b`",
          "--c\n",
          "/* c */",
          "#x\n",
          "#>",
          "0x1F",
          "0X2",
          "1e5",
          "1E-3",
          "1.5",
          "1.",
          "12",
          ".5",
          "0",
          "00",
          "7e",
          "e",
          "E",
          "x",
          "N",
          "t1",
          "_a",
          "a$b",
          "true",
          "FALSE",
          "null",
          "default",
          "array",
          "\u0663",
          "\u00e9t\u00e9",
          "\u00a0",
          "\t",
          "\n");

  @Property(tries = 10000)
  void textsOfOneShapeNormalizeAndStartAlike(@ForAll long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(25); i >= 0; i--) {
      text.append(PIECES.get(random.nextInt(PIECES.size())));
      if (random.nextInt(3) > 0) {
        text.append(' ');
      }
    }
    String sql = text.toString();
    String shape = LiteralShape.of(sql);
    if (shape != null) {
      assertThat(SqlNormalizer.normalize(shape)).as(sql).isEqualTo(SqlNormalizer.normalize(sql));
      assertThat(Spans.startsLikeSql(shape)).as(sql).isEqualTo(Spans.startsLikeSql(sql));
    }
  }

  @Test
  void callsWithOtherLiteralsShareTheStatementsShape() {
    String a = LiteralShape.of("SELECT * FROM t1 WHERE id = 42 AND note = 'it''s' AND x > 1.5e3");
    String b = LiteralShape.of("SELECT * FROM t1 WHERE id = 7 AND note = 'other' AND x > 2");

    assertThat(a).isEqualTo(b).isEqualTo("SELECT * FROM t1 WHERE id = 1 AND note = '' AND x > 1");
    assertThat(LiteralShape.of("select * from t2 where id = 42")).isNotEqualTo(a);
  }

  @Test
  void textsWhoseLiteralsCouldReadOtherwiseHaveNoShape() {
    assertThat(LiteralShape.of("select 1 -- by id")).isNull();
    assertThat(LiteralShape.of("select 1 /* x */")).isNull();
    assertThat(LiteralShape.of("select \"Order\" from t")).isNull();
    assertThat(LiteralShape.of("select $1, $$a$$")).isNull();
    assertThat(LiteralShape.of("select 'a\\'b'")).isNull();
    assertThat(LiteralShape.of("select 0x1F")).isNull();
    assertThat(LiteralShape.of("select t.5")).isNull();
    assertThat(LiteralShape.of("select 'open")).isNull();
    assertThat(LiteralShape.of("select a from b")).isEqualTo("select a from b");
  }
}
