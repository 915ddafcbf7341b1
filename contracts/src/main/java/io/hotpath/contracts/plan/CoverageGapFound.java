package io.hotpath.contracts.plan;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * A bottleneck the planner could not plan and may not defer: no playbook applies, or its evidence
 * lacks a measurement the playbook needs. Published on {@link
 * io.hotpath.contracts.Topics#COVERAGE_GAPS} so the gap is seen, never skipped in silence; the
 * tracker counts it against the service's completeness until a plan for the bottleneck arrives.
 *
 * @param reason {@code no-playbook} or {@code missing-evidence}
 * @param detail what is missing, for a person
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoverageGapFound(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    String bottleneckFingerprint,
    BottleneckType bottleneckType,
    Severity severity,
    String location,
    String reason,
    String detail,
    String catalogVersion)
    implements HotpathEvent {
  public CoverageGapFound {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(bottleneckFingerprint, "bottleneckFingerprint");
    require(bottleneckType, "bottleneckType");
    require(severity, "severity");
    require(reason, "reason");
  }

  public static final String NO_PLAYBOOK = "no-playbook";
  public static final String MISSING_EVIDENCE = "missing-evidence";
}
