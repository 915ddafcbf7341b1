package io.hotpath.planner.coverage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * A bottleneck the planner could not plan and may not defer: no playbook applies, or its evidence
 * lacks a measurement the playbook needs. Published on {@link #TOPIC} so the gap is seen, never
 * skipped in silence.
 *
 * <p>Planner-local for now; it belongs in {@code contracts} ({@code io.hotpath.contracts.plan})
 * with its topic in {@code Topics} once another service reads it.
 *
 * @param reason {@code no-playbook} or {@code missing-evidence}
 * @param detail what is missing, for a person
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoverageGap(
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

  /** Where coverage gaps go, keyed {@code tenant/service}. */
  public static final String TOPIC = "hotpath.coverage-gaps.v1";

  public static final String NO_PLAYBOOK = "no-playbook";
  public static final String MISSING_EVIDENCE = "missing-evidence";
}
