package io.hotpath.planner.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether every bottleneck of a service is covered: each CRITICAL and HIGH has a plan, each MEDIUM
 * and LOW has a plan or was deferred with a justification and the impact of not fixing it. Anything
 * else is a gap.
 *
 * @param complete true when there is no gap
 * @param bySeverity per severity: how many are planned, deferred, gaps
 */
@Schema(description = "Coverage of one service's active bottlenecks by plans.")
public record CoverageReport(
    @Schema(example = "demo") String tenant,
    @Schema(example = "checkout") String service,
    @Schema(example = "false") boolean complete,
    @Schema(example = "3") int planned,
    @Schema(example = "1") int deferred,
    @Schema(example = "1") int gaps,
    Map<Severity, Counts> bySeverity,
    List<Entry> bottlenecks) {

  /** How many bottlenecks of one severity are in each state. */
  public record Counts(int planned, int deferred, int gaps) {}

  /** What the planner did about one bottleneck. */
  public enum Status {
    PLANNED,
    DEFERRED,
    GAP
  }

  /**
   * One bottleneck.
   *
   * @param justification why it may wait (DEFERRED)
   * @param impactOfNotFixing what waiting costs, from the bottleneck's impact (DEFERRED)
   * @param reason {@code no-playbook} or {@code missing-evidence} (GAP)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      @Schema(example = "9c1b2f0e7d3a4b5c6d7e8f9a0b1c2d3e") String fingerprint,
      BottleneckType type,
      Severity severity,
      @Schema(example = "query:5e1f0a") String location,
      Status status,
      @Schema(example = "plan-2b2e0530c98dd2b9") String planId,
      @Schema(example = "slow-query-index") String playbookId,
      @Schema(example = "A LOW miss rate on cache:prices costs little") String justification,
      @Schema(example = "hit rate 0.82, 120 ms per miss") String impactOfNotFixing,
      @Schema(example = "missing-evidence") String reason,
      @Schema(example = "evidence lacks totalMs, meanMs that playbook n-plus-one-batch-load needs")
          String detail,
      @Schema(example = "sha256:3f2a9c0d1e4b") String catalogVersion) {}
}
