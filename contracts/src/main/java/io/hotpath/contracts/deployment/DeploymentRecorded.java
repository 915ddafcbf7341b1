package io.hotpath.contracts.deployment;

import static io.hotpath.contracts.Events.listOrEmpty;
import static io.hotpath.contracts.Events.requireHeader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A version of a service was deployed. It links the version to the optimizations it carries, so the
 * tracker can validate them and knows what to roll back to.
 *
 * @param previousVersion the version it replaced; null for a first deployment
 * @param optimizationIds the bottleneck fingerprints or human ids whose fixes this version ships
 * @param rollbackTarget what a rollback returns to (a version, a revision, a flag state)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentRecorded(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    String previousVersion,
    List<String> optimizationIds,
    String rollbackTarget)
    implements HotpathEvent {
  public DeploymentRecorded {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    optimizationIds = listOrEmpty(optimizationIds);
  }
}
