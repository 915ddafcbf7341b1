package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** One sample of a process's resources; any measurement the agent lacks is null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceSample(
    Instant time,
    Double cpuPercent,
    Double heapUsedMb,
    Double heapAfterGcMb,
    Double rssMb,
    Integer dbConnectionsActive,
    Integer dbConnectionsMax,
    Integer dbConnectionsPending) {
  public ResourceSample {
    require(time, "time");
  }
}
