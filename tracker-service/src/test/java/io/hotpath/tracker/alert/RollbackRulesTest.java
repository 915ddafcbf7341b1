package io.hotpath.tracker.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.tracker.config.AlertConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollbackRulesTest {

  private static AlertConfig.RollbackRule rule(String alertname, String matchers) {
    return new AlertConfig.RollbackRule() {
      @Override
      public Optional<String> alertname() {
        return Optional.ofNullable(alertname);
      }

      @Override
      public Optional<String> matchers() {
        return Optional.ofNullable(matchers);
      }
    };
  }

  private static RollbackRules rules(Map<String, AlertConfig.RollbackRule> configured) {
    return new RollbackRules(() -> configured);
  }

  @Test
  void allowsNothingWithoutRules() {
    assertThat(rules(Map.of()).allowing(Map.of("alertname", "Anything"))).isEmpty();
  }

  @Test
  void needsTheAlertNameAndEveryMatcher() {
    RollbackRules rules =
        rules(
            Map.of(
                "payments",
                rule("ServiceHighLatencyP95", "severity=~\"critical|page\",team=\"payments\"")));

    assertThat(
            rules.allowing(
                Map.of(
                    "alertname", "ServiceHighLatencyP95", "severity", "page", "team", "payments")))
        .map(RollbackRules.Rule::name)
        .contains("payments");
    assertThat(
            rules.allowing(
                Map.of(
                    "alertname",
                    "ServiceHighLatencyP95",
                    "severity",
                    "warning",
                    "team",
                    "payments")))
        .isEmpty();
    assertThat(
            rules.allowing(
                Map.of(
                    "alertname", "ServiceHighErrorRate", "severity", "page", "team", "payments")))
        .isEmpty();
  }

  @Test
  void picksTheFirstRuleByName() {
    RollbackRules rules =
        rules(
            Map.of(
                "b-any-critical", rule(null, "severity=critical"), "a-latency", rule("L", null)));

    assertThat(rules.rules())
        .extracting(RollbackRules.Rule::name)
        .containsExactly("a-latency", "b-any-critical");
    assertThat(rules.allowing(Map.of("alertname", "L", "severity", "critical")))
        .map(RollbackRules.Rule::name)
        .contains("a-latency");
    assertThat(rules.allowing(Map.of("alertname", "Other", "severity", "critical")))
        .map(RollbackRules.Rule::name)
        .contains("b-any-critical");
  }

  @Test
  void aBadMatcherNamesItsRule() {
    assertThatThrownBy(() -> rules(Map.of("broken", rule(null, "severity=~\"(\""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("hotpath.tracker.alerts.rollback-rules.broken.matchers: ");
  }

  @Test
  void describesItselfForTheStartupLog() {
    assertThat(
            rules(Map.of("latency", rule("L", "severity=~\"critical|page\""))).rules().stream()
                .map(RollbackRules.Rule::describe)
                .toList())
        .isEqualTo(List.of("latency {alertname=\"L\",severity=~\"critical|page\"}"));
  }
}
