package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.Violations.trimOrNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an agent posts to {@code /api/v1/reports/resources}: a series of samples of one process's
 * CPU, memory and connection pool. The tenant comes from the token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    name = "ResourcesReport",
    description =
        "Samples of one instance's CPU, memory and database connections. The tenant comes from the"
            + " token.")
public record ResourcesRequest(
    @Schema(
            description = "Assigned by the agent and kept across retries; generated when absent.",
            example = "6fa459ea-ee8a-3ca4-894e-db77e160355e")
        UUID eventId,
    @Schema(required = true, example = "checkout") String service,
    @Schema(required = true, example = "prod") String environment,
    @Schema(required = true, description = "The deployed build.", example = "1.4.2") String version,
    @Schema(description = "Pod or host.", example = "checkout-7d9f-abcde") String instance,
    @Schema(
            description =
                "When the report was made (ISO-8601 with offset); default: the latest sample's"
                    + " time.",
            format = "date-time")
        String timestamp,
    @Schema(required = true, description = "At least one sample.") List<Sample> samples)
    implements ReportRequest {

  /** One sample; every measurement is optional, but a sample holds at least one. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "ResourceSample")
  public record Sample(
      @Schema(required = true, format = "date-time", example = "2026-11-26T10:00:00Z") String time,
      @Schema(minimum = "0", description = "Of one core: 250 is 2.5 cores busy.", example = "73.5")
          Double cpuPercent,
      @Schema(minimum = "0", example = "512.0") Double heapUsedMb,
      @Schema(minimum = "0", description = "Heap still used after the last GC.", example = "301.2")
          Double heapAfterGcMb,
      @Schema(minimum = "0", description = "Resident set size.", example = "780.4") Double rssMb,
      @Schema(minimum = "0", example = "8") Integer dbConnectionsActive,
      @Schema(minimum = "0", example = "10") Integer dbConnectionsMax,
      @Schema(minimum = "0", description = "Threads waiting for a connection.", example = "2")
          Integer dbConnectionsPending) {

    boolean measuresNothing() {
      return cpuPercent == null
          && heapUsedMb == null
          && heapAfterGcMb == null
          && rssMb == null
          && dbConnectionsActive == null
          && dbConnectionsMax == null
          && dbConnectionsPending == null;
    }
  }

  @Override
  public ResourcesSampled toEvent(String tenant, Instant receivedAt, UUID newId) {
    Violations violations = new Violations();
    violations.identity(service, environment, version, instance, timestamp);
    violations.eachOf(
        samples,
        "samples",
        "sample",
        (sample, at) -> {
          violations.require(sample.time(), at + "/time", "time");
          violations.timestamp(sample.time(), at + "/time", "time");
          violations.notNegative(sample.cpuPercent(), at + "/cpuPercent", "cpuPercent");
          violations.notNegative(sample.heapUsedMb(), at + "/heapUsedMb", "heapUsedMb");
          violations.notNegative(sample.heapAfterGcMb(), at + "/heapAfterGcMb", "heapAfterGcMb");
          violations.notNegative(sample.rssMb(), at + "/rssMb", "rssMb");
          violations.notNegative(
              sample.dbConnectionsActive(), at + "/dbConnectionsActive", "dbConnectionsActive");
          violations.notNegative(
              sample.dbConnectionsMax(), at + "/dbConnectionsMax", "dbConnectionsMax");
          violations.notNegative(
              sample.dbConnectionsPending(), at + "/dbConnectionsPending", "dbConnectionsPending");
          if (sample.measuresNothing()) {
            violations.add(at, "a sample must hold at least one measurement");
          }
        });
    violations.throwIfAny();

    List<ResourceSample> converted =
        samples.stream()
            .map(
                s ->
                    new ResourceSample(
                        Violations.parseTimestamp(s.time()),
                        s.cpuPercent(),
                        s.heapUsedMb(),
                        s.heapAfterGcMb(),
                        s.rssMb(),
                        s.dbConnectionsActive(),
                        s.dbConnectionsMax(),
                        s.dbConnectionsPending()))
            .toList();
    Instant latest =
        converted.stream().map(ResourceSample::time).max(Comparator.naturalOrder()).orElseThrow();
    return new ResourcesSampled(
        eventId != null ? eventId : newId,
        Events.SCHEMA_VERSION,
        tenant,
        service.trim(),
        environment.trim(),
        version.trim(),
        trimOrNull(instance),
        Violations.timeOr(timestamp, latest),
        converted);
  }
}
