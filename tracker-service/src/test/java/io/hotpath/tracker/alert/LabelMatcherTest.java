package io.hotpath.tracker.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

  @Test
  void readsEveryOperatorWithQuotedAndUnquotedValues() {
    List<LabelMatcher> matchers =
        LabelMatcher.parseAll(
            "severity=~\"critical|page\", team=\"payments\",env!=staging, name!~\"tmp-.*\"");

    assertThat(matchers)
        .extracting(LabelMatcher::name, LabelMatcher::operator, LabelMatcher::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "severity", LabelMatcher.Operator.MATCHES, "critical|page"),
            org.assertj.core.groups.Tuple.tuple("team", LabelMatcher.Operator.EQUAL, "payments"),
            org.assertj.core.groups.Tuple.tuple("env", LabelMatcher.Operator.NOT_EQUAL, "staging"),
            org.assertj.core.groups.Tuple.tuple(
                "name", LabelMatcher.Operator.NOT_MATCHES, "tmp-.*"));
  }

  @Test
  void anchorsRegularExpressionsAtBothEnds() {
    LabelMatcher matcher = LabelMatcher.parseAll("severity=~\"crit\"").get(0);

    assertThat(matcher.matches(Map.of("severity", "crit"))).isTrue();
    assertThat(matcher.matches(Map.of("severity", "critical"))).isFalse();
  }

  @Test
  void treatsAMissingLabelAsEmpty() {
    assertThat(LabelMatcher.parseAll("team!=\"payments\"").get(0).matches(Map.of())).isTrue();
    assertThat(LabelMatcher.parseAll("team=\"\"").get(0).matches(Map.of())).isTrue();
    assertThat(LabelMatcher.parseAll("team=~\".+\"").get(0).matches(Map.of())).isFalse();
  }

  @Test
  void keepsCommasAndEscapedQuotesInsideQuotedValues() {
    List<LabelMatcher> matchers =
        LabelMatcher.parseAll("{summary=\"a, \\\"quoted\\\" one\",team=x}");

    assertThat(matchers).hasSize(2);
    assertThat(matchers.get(0).value()).isEqualTo("a, \"quoted\" one");
    assertThat(matchers.get(1).value()).isEqualTo("x");
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> LabelMatcher.parseAll("severity~\"x\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected =, !=, =~ or !~ after 'severity'");
    assertThatThrownBy(() -> LabelMatcher.parseAll("severity=~\"(\""))
        .hasMessageContaining("is not a valid regular expression");
    assertThatThrownBy(() -> LabelMatcher.parseAll("team=\"open"))
        .hasMessageContaining("unterminated quoted value of 'team'");
    assertThatThrownBy(() -> LabelMatcher.parseAll("9team=x"))
        .hasMessageContaining("expected a label name at position 0");
  }
}
