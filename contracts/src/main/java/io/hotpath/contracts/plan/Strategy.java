package io.hotpath.contracts.plan;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.bottleneck.Impact;
import java.util.List;

/**
 * What to change and how to know it worked.
 *
 * @param playbookId the catalog entry the strategy came from
 * @param expectedImprovement computed from the bottleneck's own evidence
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Strategy(
    String playbookId,
    String approach,
    List<String> steps,
    ValidationTarget validation,
    Impact expectedImprovement,
    RiskLevel risk) {
  public Strategy {
    require(playbookId, "playbookId");
    require(approach, "approach");
    steps = requireList(steps, "steps");
    require(validation, "validation");
    require(expectedImprovement, "expectedImprovement");
    require(risk, "risk");
  }
}
