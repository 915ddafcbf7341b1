package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.Violations.trimOrNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an agent posts to {@code /api/v1/reports/startup}. There is no tenant: the token decides it.
 * {@link #toEvent} checks everything and builds the {@link StartupReported} event.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    name = "StartupReport",
    description = "How one start of a service instance went. The tenant comes from the token.")
public record StartupReportRequest(
    @Schema(
            description =
                "Assigned by the agent and kept across retries, so a retried report is recognised;"
                    + " generated when absent.",
            example = "0f8fad5b-d9cb-469f-a165-70867728950e")
        UUID eventId,
    @Schema(required = true, example = "checkout") String service,
    @Schema(required = true, example = "prod") String environment,
    @Schema(required = true, description = "The deployed build.", example = "1.4.2") String version,
    @Schema(description = "Pod or host.", example = "checkout-7d9f-abcde") String instance,
    @Schema(
            description = "When the start happened (ISO-8601 with offset); default: receipt time.",
            format = "date-time",
            example = "2026-11-26T10:15:30Z")
        String timestamp,
    @Schema(required = true, example = "COLD") StartType startType,
    @Schema(required = true, description = "At least one phase, in the order they ran.")
        List<Phase> phases,
    @Schema(description = "Time until the instance served traffic.", example = "4200")
        Long timeToReadyMs,
    @Schema(description = "Resident memory once ready.", example = "312.5") Double startupMemoryMb)
    implements ReportRequest {

  /** One named phase of the start. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "StartupPhase")
  public record Phase(
      @Schema(required = true, example = "hibernate-bootstrap") String name,
      @Schema(required = true, minimum = "0", example = "2300") Long durationMs) {}

  /**
   * Checks the request and builds the event.
   *
   * @param tenant from the caller's token
   * @param receivedAt the event time when the agent sent none
   * @param newId used only when the agent sent no eventId
   * @throws InvalidRequestException naming every problem and where it is
   */
  @Override
  public StartupReported toEvent(String tenant, Instant receivedAt, UUID newId) {
    Violations violations = new Violations();
    violations.identity(service, environment, version, instance, timestamp);
    violations.require(startType, "/startType", "startType");
    violations.eachOf(
        phases,
        "phases",
        "phase",
        (phase, at) -> {
          violations.requireText(phase.name(), at + "/name", "name");
          violations.require(phase.durationMs(), at + "/durationMs", "durationMs");
          violations.notNegative(phase.durationMs(), at + "/durationMs", "durationMs");
        });
    violations.notNegative(timeToReadyMs, "/timeToReadyMs", "timeToReadyMs");
    violations.notNegative(startupMemoryMb, "/startupMemoryMb", "startupMemoryMb");
    violations.throwIfAny();

    List<StartupPhase> eventPhases = new ArrayList<>(phases.size());
    for (Phase phase : phases) {
      eventPhases.add(new StartupPhase(phase.name().trim(), phase.durationMs()));
    }
    return new StartupReported(
        eventId != null ? eventId : newId,
        Events.SCHEMA_VERSION,
        tenant,
        service.trim(),
        environment.trim(),
        version.trim(),
        trimOrNull(instance),
        Violations.timeOr(timestamp, receivedAt),
        startType,
        eventPhases,
        timeToReadyMs,
        startupMemoryMb);
  }
}
