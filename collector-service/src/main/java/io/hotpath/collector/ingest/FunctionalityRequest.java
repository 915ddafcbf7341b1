package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.Violations.trimOrNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a CI job or a synthetic probe posts to {@code /api/v1/reports/functionality}: the results of
 * functional checks against one version, which the tracker needs to see that a fix broke nothing.
 * The tenant comes from the token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    name = "FunctionalityReport",
    description =
        "Results of a run of functional checks against one version. The tenant comes from the"
            + " token.")
public record FunctionalityRequest(
    @Schema(
            description = "Assigned by the sender and kept across retries; generated when absent.",
            example = "1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        UUID eventId,
    @Schema(required = true, example = "checkout") String service,
    @Schema(required = true, example = "staging") String environment,
    @Schema(required = true, description = "The version checked.", example = "1.4.3")
        String version,
    @Schema(description = "Pod or host checked, if one.") String instance,
    @Schema(
            description = "When the checks ran (ISO-8601 with offset); default: receipt time.",
            format = "date-time",
            example = "2026-11-26T11:05:00Z")
        String timestamp,
    @Schema(required = true, description = "At least one check.") List<Check> checks)
    implements ReportRequest {
  /** Room for an assertion message or a short excerpt of a failure, not a whole log. */
  static final int MAX_DETAIL_LENGTH = 4096;

  /** One check's outcome. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "FunctionalityCheck")
  public record Check(
      @Schema(required = true, example = "place-order") String name,
      @Schema(required = true, example = "false") Boolean passed,
      @Schema(description = "Why it failed, or what it saw.", example = "POST /orders answered 500")
          String detail) {}

  @Override
  public FunctionalityChecked toEvent(String tenant, Instant receivedAt, UUID newId) {
    Violations violations = new Violations();
    violations.identity(service, environment, version, instance, timestamp);
    violations.eachOf(
        checks,
        "checks",
        "check",
        (check, at) -> {
          violations.requireText(check.name(), at + "/name", "name");
          violations.require(check.passed(), at + "/passed", "passed");
          violations.optionalText(check.detail(), at + "/detail", "detail", MAX_DETAIL_LENGTH);
        });
    violations.throwIfAny();

    return new FunctionalityChecked(
        eventId != null ? eventId : newId,
        Events.SCHEMA_VERSION,
        tenant,
        service.trim(),
        environment.trim(),
        version.trim(),
        trimOrNull(instance),
        Violations.timeOr(timestamp, receivedAt),
        checks.stream()
            .map(c -> new FunctionalityCheck(c.name().trim(), c.passed(), trimOrNull(c.detail())))
            .toList());
  }
}
