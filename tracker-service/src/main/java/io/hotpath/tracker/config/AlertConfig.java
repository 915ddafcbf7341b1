package io.hotpath.tracker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/**
 * Which Alertmanager alerts may roll back the fix they correlate with. None by default: an alert is
 * recorded and correlated, and requests a rollback only when a rule names it.
 */
@ConfigMapping(prefix = "hotpath.tracker.alerts")
public interface AlertConfig {

  /** Rules by name; an alert that satisfies any of them may request rollbacks. */
  @WithName("rollback-rules")
  Map<String, RollbackRule> rollbackRules();

  /** One rule: every part given must hold. */
  interface RollbackRule {
    /** The alert's {@code alertname}, exactly; leave out to accept any name. */
    Optional<String> alertname();

    /**
     * Prometheus-style label matchers, comma-separated: {@code
     * severity=~"critical|page",team="payments"}.
     */
    Optional<String> matchers();
  }
}
