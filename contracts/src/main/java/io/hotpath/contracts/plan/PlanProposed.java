package io.hotpath.contracts.plan;

import static io.hotpath.contracts.Events.listOrEmpty;
import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The planner's plan for one bottleneck: a strategy, a way back, the effort, and its place in the
 * service's implementation order.
 *
 * @param planId stable per bottleneck and catalog version
 * @param rank 1-based place in the service's implementation order
 * @param dependsOn plan ids that must be implemented first
 * @param catalogVersion the playbook catalog version the plan was made from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanProposed(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    String planId,
    String bottleneckFingerprint,
    BottleneckType bottleneckType,
    Severity severity,
    Strategy strategy,
    RollbackPlan rollback,
    Effort effort,
    int rank,
    List<String> dependsOn,
    String catalogVersion)
    implements HotpathEvent {
  public PlanProposed {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(planId, "planId");
    require(bottleneckFingerprint, "bottleneckFingerprint");
    require(bottleneckType, "bottleneckType");
    require(severity, "severity");
    require(strategy, "strategy");
    require(rollback, "rollback");
    require(effort, "effort");
    dependsOn = listOrEmpty(dependsOn);
    require(catalogVersion, "catalogVersion");
  }
}
