package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hotpath.contracts.bottleneck.Severity;
import java.util.List;

/**
 * Which bottlenecks of a playbook may wait, and why. Only MEDIUM and LOW can be deferred: a catalog
 * that defers CRITICAL or HIGH is refused. The impact of not fixing comes from the bottleneck's own
 * impact, so the justification need not guess it.
 *
 * @param severities the severities deferred (MEDIUM, LOW)
 * @param justification why waiting is acceptable; may use placeholders
 */
public record DeferralSpec(List<Severity> severities, String justification) {
  @JsonCreator
  public DeferralSpec(
      @JsonProperty(value = "severities", required = true) List<Severity> severities,
      @JsonProperty(value = "justification", required = true) String justification) {
    if (severities == null || severities.isEmpty()) {
      throw new IllegalArgumentException("severities must list at least one of MEDIUM, LOW");
    }
    for (Severity severity : severities) {
      if (severity == null || !severity.deferrable()) {
        throw new IllegalArgumentException(
            "severities: "
                + severity
                + " may never be deferred; only MEDIUM and LOW bottlenecks may wait");
      }
    }
    this.severities = List.copyOf(severities);
    this.justification =
        Templates.check(Specs.requireText(justification, "justification"), "justification");
  }

  public boolean defers(Severity severity) {
    return severity.deferrable() && severities.contains(severity);
  }
}
