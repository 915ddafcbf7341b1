package io.hotpath.planner.service;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.PlanProposed;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A service's plans in implementation order, with the dependency graph behind the order.
 *
 * @param plans first to implement first; each with its current rank and dependencies
 */
@Schema(description = "A service's plans in implementation order, with the dependency graph.")
public record ServicePlan(
    @Schema(example = "demo") String tenant,
    @Schema(example = "checkout") String service,
    List<PlanProposed> plans,
    Graph graph) {

  /**
   * @param cycles each cycle found, as plan ids where each depends on the next and the last on the
   *     first; broken by implementing the highest-ranked plan of the cycle first
   */
  public record Graph(List<Node> nodes, List<Edge> edges, List<List<String>> cycles) {}

  public record Node(
      @Schema(example = "plan-2b2e0530c98dd2b9") String planId,
      @Schema(example = "9c1b2f0e7d3a4b5c6d7e8f9a0b1c2d3e") String fingerprint,
      BottleneckType type,
      Severity severity,
      @Schema(example = "query:5e1f0a") String location,
      @Schema(example = "1") int rank) {}

  /**
   * {@code to} depends on {@code from}.
   *
   * @param broken true where the edge closed a cycle and the order does not follow it
   */
  public record Edge(
      @Schema(example = "plan-2b2e0530c98dd2b9") String from,
      @Schema(example = "plan-a07bfc0f69c169e5") String to,
      @Schema(example = "[\"same com.acme.Orders.load\"]") List<String> reasons,
      boolean broken) {}
}
