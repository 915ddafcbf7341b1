package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.Violations.trimOrNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an agent posts to {@code /api/v1/reports/endpoint-stats}: latency percentiles and outcome
 * counts per route over one window. The tenant comes from the token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    name = "EndpointStatsReport",
    description =
        "Per-route latency and outcomes over one window. The tenant comes from the token.")
public record EndpointStatsRequest(
    @Schema(
            description = "Assigned by the agent and kept across retries; generated when absent.",
            example = "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
        UUID eventId,
    @Schema(required = true, example = "checkout") String service,
    @Schema(required = true, example = "prod") String environment,
    @Schema(required = true, description = "The deployed build.", example = "1.4.2") String version,
    @Schema(description = "Pod or host; absent for a service-wide report.") String instance,
    @Schema(
            description = "When the report was made (ISO-8601 with offset); default: windowEnd.",
            format = "date-time")
        String timestamp,
    @Schema(required = true, format = "date-time", example = "2026-11-26T10:00:00Z")
        String windowStart,
    @Schema(
            required = true,
            description = "Not before windowStart.",
            format = "date-time",
            example = "2026-11-26T10:05:00Z")
        String windowEnd,
    @Schema(required = true, description = "At least one route.") List<Endpoint> endpoints)
    implements ReportRequest {

  /** One route's figures over the window. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "EndpointStatsEntry")
  public record Endpoint(
      @Schema(required = true, description = "The route template.", example = "/orders/{id}")
          String route,
      @Schema(description = "HTTP method or RPC kind.", example = "GET") String method,
      @Schema(required = true, minimum = "0", example = "12840") Long requests,
      @Schema(description = "Failed requests, at most requests; default 0.", example = "12")
          Long errors,
      @Schema(description = "Timed-out requests, at most requests; default 0.", example = "3")
          Long timeouts,
      @Schema(required = true, minimum = "0", example = "18.5") Double p50Ms,
      @Schema(required = true, minimum = "0", description = "Not below p50Ms.", example = "120.0")
          Double p95Ms,
      @Schema(required = true, minimum = "0", description = "Not below p95Ms.", example = "340.2")
          Double p99Ms) {}

  @Override
  public EndpointStatsReported toEvent(String tenant, Instant receivedAt, UUID newId) {
    Violations violations = new Violations();
    violations.identity(service, environment, version, instance, timestamp);
    violations.window(windowStart, windowEnd);
    violations.eachOf(
        endpoints,
        "endpoints",
        "endpoint",
        (endpoint, at) -> {
          violations.requireText(endpoint.route(), at + "/route", "route", 2048);
          violations.optionalText(endpoint.method(), at + "/method", "method");
          violations.require(endpoint.requests(), at + "/requests", "requests");
          violations.notNegative(endpoint.requests(), at + "/requests", "requests");
          atMostRequests(violations, endpoint, endpoint.errors(), at, "errors");
          atMostRequests(violations, endpoint, endpoint.timeouts(), at, "timeouts");
          violations.require(endpoint.p50Ms(), at + "/p50Ms", "p50Ms");
          violations.notNegative(endpoint.p50Ms(), at + "/p50Ms", "p50Ms");
          violations.require(endpoint.p95Ms(), at + "/p95Ms", "p95Ms");
          violations.notNegative(endpoint.p95Ms(), at + "/p95Ms", "p95Ms");
          violations.require(endpoint.p99Ms(), at + "/p99Ms", "p99Ms");
          violations.notNegative(endpoint.p99Ms(), at + "/p99Ms", "p99Ms");
          if (endpoint.p50Ms() != null
              && endpoint.p95Ms() != null
              && endpoint.p95Ms() < endpoint.p50Ms()) {
            violations.add(at + "/p95Ms", "p95Ms must not be below p50Ms");
          }
          if (endpoint.p95Ms() != null
              && endpoint.p99Ms() != null
              && endpoint.p99Ms() < endpoint.p95Ms()) {
            violations.add(at + "/p99Ms", "p99Ms must not be below p95Ms");
          }
        });
    violations.throwIfAny();

    Instant end = Violations.parseTimestamp(windowEnd);
    return new EndpointStatsReported(
        eventId != null ? eventId : newId,
        Events.SCHEMA_VERSION,
        tenant,
        service.trim(),
        environment.trim(),
        version.trim(),
        trimOrNull(instance),
        Violations.timeOr(timestamp, end),
        Violations.parseTimestamp(windowStart),
        end,
        endpoints.stream()
            .map(
                e ->
                    new EndpointStats(
                        e.route().trim(),
                        trimOrNull(e.method()),
                        e.requests(),
                        e.errors() == null ? 0 : e.errors(),
                        e.timeouts() == null ? 0 : e.timeouts(),
                        e.p50Ms(),
                        e.p95Ms(),
                        e.p99Ms()))
            .toList());
  }

  private static void atMostRequests(
      Violations violations, Endpoint endpoint, Long count, String at, String field) {
    violations.notNegative(count, at + "/" + field, field);
    if (count != null && endpoint.requests() != null && count > endpoint.requests()) {
      violations.add(at + "/" + field, field + " must not exceed requests");
    }
  }
}
