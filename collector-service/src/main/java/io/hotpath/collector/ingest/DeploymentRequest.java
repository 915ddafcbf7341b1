package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.Violations.trimOrNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a CI job or a deploy hook posts to {@code /api/v1/deployments}: a version went out, and
 * which optimizations it ships. The tenant comes from the token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    name = "Deployment",
    description = "A version of a service was deployed. The tenant comes from the token.")
public record DeploymentRequest(
    @Schema(
            description = "Assigned by the sender and kept across retries; generated when absent.",
            example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        UUID eventId,
    @Schema(required = true, example = "checkout") String service,
    @Schema(required = true, example = "prod") String environment,
    @Schema(required = true, description = "The version now deployed.", example = "1.4.3")
        String version,
    @Schema(description = "The version it replaced.", example = "1.4.2") String previousVersion,
    @Schema(
            description = "Bottleneck fingerprints or human ids whose fixes this version ships.",
            example = "[\"BTLNK-001\"]")
        List<String> optimizationIds,
    @Schema(description = "What a rollback returns to.", example = "1.4.2") String rollbackTarget,
    @Schema(
            description = "When it was deployed (ISO-8601 with offset); default: receipt time.",
            format = "date-time",
            example = "2026-11-26T11:00:00Z")
        String timestamp) {

  /**
   * Checks the request and builds the event.
   *
   * @throws InvalidRequestException naming every problem and where it is
   */
  public DeploymentRecorded toEvent(String tenant, Instant receivedAt, UUID newId) {
    Violations violations = new Violations();
    violations.requireText(service, "/service", "service");
    violations.requireText(environment, "/environment", "environment");
    violations.requireText(version, "/version", "version");
    violations.optionalText(previousVersion, "/previousVersion", "previousVersion");
    violations.optionalText(rollbackTarget, "/rollbackTarget", "rollbackTarget");
    if (optimizationIds != null) {
      for (int i = 0; i < optimizationIds.size(); i++) {
        violations.requireText(
            optimizationIds.get(i), "/optimizationIds/" + i, "optimizationIds[" + i + "]");
      }
    }
    violations.timestamp(timestamp, "/timestamp", "timestamp");
    violations.throwIfAny();

    return new DeploymentRecorded(
        eventId != null ? eventId : newId,
        Events.SCHEMA_VERSION,
        tenant,
        service.trim(),
        environment.trim(),
        version.trim(),
        null,
        timestamp != null ? Violations.parseTimestamp(timestamp) : receivedAt,
        trimOrNull(previousVersion),
        optimizationIds == null ? List.of() : optimizationIds.stream().map(String::trim).toList(),
        trimOrNull(rollbackTarget));
  }
}
