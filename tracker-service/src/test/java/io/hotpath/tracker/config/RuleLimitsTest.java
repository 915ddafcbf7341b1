package io.hotpath.tracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.tracker.gate.GateRules;
import io.hotpath.tracker.validation.ValidationRules;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which limit applies to a tenant's service, read through the real configuration mapping. */
class RuleLimitsTest {

  private static TrackerConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(TrackerConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(TrackerConfig.class);
  }

  @Test
  void usesTheDesignDefaultsWhenNothingIsConfigured() {
    TrackerConfig config = config(Map.of());

    assertThat(RuleLimits.validation(config, "demo", "checkout"))
        .isEqualTo(new ValidationRules.Limits(1.2, 1.5, 1.5, 0.01, 5));
    assertThat(RuleLimits.gate(config, "demo", "checkout"))
        .isEqualTo(new GateRules.Ratios(1.2, 1.2, 1.5));
  }

  @Test
  void theServiceWinsOverItsTenantAndTheTenantOverTheGlobalValueKeyByKey() {
    TrackerConfig config =
        config(
            Map.of(
                "hotpath.tracker.validation.startup-ratio", "1.3",
                "hotpath.tracker.validation.min-improvement-percent", "10",
                "hotpath.tracker.tenants.acme.validation.endpoint-ratio", "1.1",
                "hotpath.tracker.tenants.acme.validation.memory-ratio", "1.4",
                "hotpath.tracker.tenants.acme.services.checkout.validation.endpoint-ratio", "2.5"));

    // checkout: its own endpoint ratio, its tenant's memory ratio, the global startup ratio.
    assertThat(RuleLimits.validation(config, "acme", "checkout"))
        .isEqualTo(new ValidationRules.Limits(1.3, 1.4, 2.5, 0.01, 10));
    // Another service of the tenant: the tenant's values.
    assertThat(RuleLimits.validation(config, "acme", "billing"))
        .isEqualTo(new ValidationRules.Limits(1.3, 1.4, 1.1, 0.01, 10));
    // Another tenant, even with a service of the same name: the global values.
    assertThat(RuleLimits.validation(config, "globex", "checkout"))
        .isEqualTo(new ValidationRules.Limits(1.3, 1.5, 1.5, 0.01, 10));
  }

  @Test
  void readsQuotedNamesWithDotsAndTheGatesRatiosLikewise() {
    TrackerConfig config =
        config(
            Map.of(
                "hotpath.tracker.gate.memory-ratio",
                "1.25",
                "hotpath.tracker.tenants.\"acme.eu\".gate.startup-ratio",
                "1.1",
                "hotpath.tracker.tenants.\"acme.eu\".services.\"orders.v2\".gate.endpoint-ratio",
                "3",
                "hotpath.tracker.tenants.\"acme.eu\".services.\"orders.v2\".validation"
                    + ".max-error-rate-increase",
                "0.05"));

    assertThat(RuleLimits.gate(config, "acme.eu", "orders.v2"))
        .isEqualTo(new GateRules.Ratios(1.1, 1.25, 3));
    assertThat(RuleLimits.gate(config, "acme.eu", "orders"))
        .isEqualTo(new GateRules.Ratios(1.1, 1.25, 1.5));
    assertThat(RuleLimits.validation(config, "acme.eu", "orders.v2").maxErrorRateIncrease())
        .isEqualTo(0.05);
    // "acme" is not "acme.eu": a dotted name is one segment only when quoted.
    assertThat(RuleLimits.gate(config, "acme", "orders.v2"))
        .isEqualTo(new GateRules.Ratios(1.2, 1.25, 1.5));
  }

  @Test
  void resolvesTheCacheAndLockMinimumsLikeTheLimits() {
    TrackerConfig config =
        config(
            Map.of(
                "hotpath.tracker.validation.min-lock-profiles", "5",
                "hotpath.tracker.tenants.acme.validation.min-cache-requests", "1000",
                "hotpath.tracker.tenants.acme.services.search.validation.min-cache-requests",
                    "20"));

    assertThat(RuleLimits.minimums(config(Map.of()), "demo", "checkout"))
        .isEqualTo(new ValidationRules.Minimums(100, 3));
    assertThat(RuleLimits.minimums(config, "acme", "search"))
        .isEqualTo(new ValidationRules.Minimums(20, 5));
    assertThat(RuleLimits.minimums(config, "acme", "checkout"))
        .isEqualTo(new ValidationRules.Minimums(1000, 5));
  }
}
