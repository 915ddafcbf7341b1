package io.hotpath.tracker.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanIdsTest {

  @Test
  void padsToThreeDigitsAndGrowsBeyond() {
    assertThat(HumanIds.of(1)).isEqualTo("BTLNK-001");
    assertThat(HumanIds.of(42)).isEqualTo("BTLNK-042");
    assertThat(HumanIds.of(1234)).isEqualTo("BTLNK-1234");
  }

  @Test
  void recognisesOnlyItsOwnFormat() {
    assertThat(HumanIds.isValid("BTLNK-001")).isTrue();
    assertThat(HumanIds.isValid("BTLNK-1234")).isTrue();
    assertThat(HumanIds.isValid("BTLNK-1")).isFalse();
    assertThat(HumanIds.isValid("btlnk-001")).isFalse();
    assertThat(HumanIds.isValid("1; drop table bottleneck")).isFalse();
  }
}
