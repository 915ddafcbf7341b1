package io.hotpath.tracker.alert;

import io.hotpath.tracker.config.AlertConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The configured rules that let an alert roll back the fix it correlates with ({@code
 * hotpath.tracker.alerts.rollback-rules."<rule>".alertname} and {@code .matchers}). Read and
 * checked at startup: a rule that cannot be read stops the service rather than being ignored.
 */
@ApplicationScoped
public class RollbackRules {
  private static final Logger LOG = Logger.getLogger(RollbackRules.class);

  /** One rule, read. */
  public record Rule(String name, String alertname, List<LabelMatcher> matchers) {
    public boolean allows(Map<String, String> labels) {
      return (alertname == null || alertname.equals(labels.get("alertname")))
          && matchers.stream().allMatch(m -> m.matches(labels));
    }

    public String describe() {
      List<String> parts = new ArrayList<>();
      if (alertname != null) {
        parts.add("alertname=\"" + alertname + "\"");
      }
      matchers.forEach(m -> parts.add(m.toString()));
      return name + " {" + String.join(",", parts) + "}";
    }
  }

  private final List<Rule> rules;

  public RollbackRules(AlertConfig config) {
    this.rules = read(config.rollbackRules());
  }

  void logAtStartup(@Observes StartupEvent started) {
    if (rules.isEmpty()) {
      LOG.info("No alert rollback rules: alerts are recorded and correlated, none rolls back");
    } else {
      LOG.infof(
          "Alerts that may roll back a fix: %s",
          rules.stream().map(Rule::describe).collect(Collectors.joining("; ")));
    }
  }

  /** Reads the configured rules, sorted by name; a bad matcher names its rule. */
  public static List<Rule> read(Map<String, AlertConfig.RollbackRule> configured) {
    List<Rule> read = new ArrayList<>();
    configured.forEach(
        (name, rule) -> {
          try {
            String alertname =
                rule.alertname().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
            read.add(
                new Rule(
                    name,
                    alertname,
                    List.copyOf(LabelMatcher.parseAll(rule.matchers().orElse(null)))));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "hotpath.tracker.alerts.rollback-rules." + name + ".matchers: " + e.getMessage(),
                e);
          }
        });
    read.sort(Comparator.comparing(Rule::name));
    return List.copyOf(read);
  }

  /** The first rule (by name) that allows an alert with these labels to roll back. */
  public Optional<Rule> allowing(Map<String, String> labels) {
    return rules.stream().filter(rule -> rule.allows(labels)).findFirst();
  }

  public List<Rule> rules() {
    return rules;
  }
}
