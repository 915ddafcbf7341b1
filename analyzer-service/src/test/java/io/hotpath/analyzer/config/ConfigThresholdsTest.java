package io.hotpath.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

class ConfigThresholdsTest {
  static ConfigThresholds thresholds(Map<String, String> properties) {
    return new ConfigThresholds(
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build());
  }

  @Test
  void usesTheFallbackWhenNothingIsConfigured() {
    assertThat(thresholds(Map.of()).get("acme", "checkout", "slow-query.mean-ms", 100))
        .isEqualTo(100.0);
  }

  @Test
  void theDefaultBeatsTheFallback() {
    ConfigThresholds t =
        thresholds(Map.of("hotpath.analyzer.thresholds.slow-query.mean-ms", "250"));

    assertThat(t.get("acme", "checkout", "slow-query.mean-ms", 100)).isEqualTo(250.0);
  }

  @Test
  void theTenantOverrideBeatsTheDefaultForThatTenantOnly() {
    ConfigThresholds t =
        thresholds(
            Map.of(
                "hotpath.analyzer.thresholds.slow-query.mean-ms", "250",
                "hotpath.analyzer.tenants.acme.thresholds.slow-query.mean-ms", "40"));

    assertThat(t.get("acme", "checkout", "slow-query.mean-ms", 100)).isEqualTo(40.0);
    assertThat(t.get("globex", "checkout", "slow-query.mean-ms", 100)).isEqualTo(250.0);
  }

  @Test
  void theServiceOverrideBeatsTheTenantOverrideForThatServiceOnly() {
    ConfigThresholds t =
        thresholds(
            Map.of(
                "hotpath.analyzer.thresholds.slow-query.mean-ms", "250",
                "hotpath.analyzer.tenants.acme.thresholds.slow-query.mean-ms", "40",
                "hotpath.analyzer.tenants.acme.services.checkout.thresholds.slow-query.mean-ms",
                    "7"));

    assertThat(t.get("acme", "checkout", "slow-query.mean-ms", 100)).isEqualTo(7.0);
    assertThat(t.get("acme", "payments", "slow-query.mean-ms", 100)).isEqualTo(40.0);
    assertThat(t.get("globex", "checkout", "slow-query.mean-ms", 100)).isEqualTo(250.0);
  }

  @Test
  void aNameWithADotIsMatchedQuoted() {
    ConfigThresholds t =
        thresholds(
            Map.of(
                "hotpath.analyzer.tenants.\"acme.eu\".services.\"api.v2\".thresholds.n-plus-one.min-repeats",
                "3"));

    assertThat(t.get("acme.eu", "api.v2", "n-plus-one.min-repeats", 5)).isEqualTo(3.0);
    assertThat(t.get("acme", "api.v2", "n-plus-one.min-repeats", 5)).isEqualTo(5.0);
  }

  @Test
  void aPlainNameMayBeQuotedToo() {
    ConfigThresholds t = thresholds(Map.of("hotpath.analyzer.tenants.\"acme\".thresholds.x", "3"));

    assertThat(t.get("acme", "checkout", "x", 5)).isEqualTo(3.0);
  }

  @Test
  void aValueThatIsNotANumberFallsThroughToTheNextLevel() {
    ConfigThresholds t =
        thresholds(
            Map.of(
                "hotpath.analyzer.thresholds.x", "9",
                "hotpath.analyzer.tenants.acme.thresholds.x", "nine"));

    assertThat(t.get("acme", "checkout", "x", 5)).isEqualTo(9.0);
  }

  @Test
  void overridesMayComeFromEnvironmentVariables() {
    ConfigThresholds t =
        new ConfigThresholds(
            new SmallRyeConfigBuilder()
                .withSources(
                    new EnvConfigSource(
                        Map.of(
                            "HOTPATH_ANALYZER_TENANTS_ACME_THRESHOLDS_N_PLUS_ONE_MIN_REPEATS",
                            "3",
                            "HOTPATH_ANALYZER_TENANTS__ACME_EU__SERVICES__ORDERS_API__THRESHOLDS_SLOW_ENDPOINT_P95_GOAL_MS",
                            "300"),
                        300))
                .build());

    assertThat(t.get("acme", "checkout", "n-plus-one.min-repeats", 5)).isEqualTo(3.0);
    assertThat(t.get("acme.eu", "orders-api", "slow-endpoint.p95-goal-ms", 500)).isEqualTo(300.0);
  }

  @Test
  void withoutTenantOverridesAKeyIsLookedUpOnceForEveryService() {
    List<String> asked = new ArrayList<>();
    Map<String, String> properties =
        Map.of("hotpath.analyzer.thresholds.slow-query.mean-ms", "250");
    ConfigSource counting =
        new ConfigSource() {
          @Override
          public Set<String> getPropertyNames() {
            return properties.keySet();
          }

          @Override
          public String getValue(String name) {
            if (name.contains("slow-query")) {
              asked.add(name);
            }
            return properties.get(name);
          }

          @Override
          public String getName() {
            return "counting";
          }
        };
    ConfigThresholds t =
        new ConfigThresholds(new SmallRyeConfigBuilder().withSources(counting).build());

    for (int i = 0; i < 50; i++) {
      assertThat(t.get("acme", "service-" + i, "slow-query.mean-ms", 100)).isEqualTo(250.0);
      assertThat(t.get("demo", "service-" + i, "slow-query.p95-ms", 500)).isEqualTo(500.0);
    }
    assertThat(asked)
        .containsExactlyInAnyOrder(
            "hotpath.analyzer.thresholds.slow-query.mean-ms",
            "hotpath.analyzer.thresholds.slow-query.p95-ms");
  }
}
