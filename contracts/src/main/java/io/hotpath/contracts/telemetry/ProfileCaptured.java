package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;
import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A profile as aggregated stacks, whatever format it arrived in (folded, pprof, JFR). Self values
 * sit on the stacks' leaves; a frame's total is the sum over the stacks that contain it.
 *
 * @param sampleType what is counted, e.g. {@code cpu}, {@code alloc_in_new_tlab_bytes}
 * @param unit the values' unit, e.g. {@code samples}, {@code nanoseconds}, {@code bytes}
 * @param periodNanos the sampling period in nanoseconds, 0 where not applicable
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfileCaptured(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    ProfileType profileType,
    String sampleType,
    String unit,
    long periodNanos,
    Instant windowStart,
    Instant windowEnd,
    List<StackSample> stacks)
    implements HotpathEvent {
  public ProfileCaptured {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    require(profileType, "profileType");
    require(sampleType, "sampleType");
    require(unit, "unit");
    require(windowStart, "windowStart");
    require(windowEnd, "windowEnd");
    stacks = requireList(stacks, "stacks");
  }
}
