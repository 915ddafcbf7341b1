package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.Violations.trimOrNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an agent posts to {@code /api/v1/reports/query-stats}: per-query figures over one window,
 * for example the difference of two reads of {@code pg_stat_statements}. The tenant comes from the
 * token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    name = "QueryStatsReport",
    description =
        "Statistics of a service's database queries over one window (for example from"
            + " pg_stat_statements). The tenant comes from the token.")
public record QueryStatsRequest(
    @Schema(
            description = "Assigned by the agent and kept across retries; generated when absent.",
            example = "9b2d5c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
        UUID eventId,
    @Schema(required = true, example = "checkout") String service,
    @Schema(required = true, example = "prod") String environment,
    @Schema(required = true, description = "The deployed build.", example = "1.4.2") String version,
    @Schema(description = "Pod or host; absent for a database-wide report.") String instance,
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
    @Schema(required = true, description = "At least one query.") List<Query> queries)
    implements ReportRequest {
  /**
   * Normalized statements can be long; pg_stat_statements keeps up to track_activity_query_size.
   */
  static final int MAX_QUERY_LENGTH = 65_536;

  /** One statement's figures over the window. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "QueryStatsEntry")
  public record Query(
      @Schema(
              required = true,
              description = "The normalized statement (pg_stat_statements.query).",
              example = "SELECT * FROM orders WHERE customer_id = $1")
          String query,
      @Schema(description = "Database name.", example = "shop") String database,
      @Schema(required = true, minimum = "0", example = "48210") Long calls,
      @Schema(
              required = true,
              minimum = "0",
              description = "pg_stat_statements.total_exec_time.",
              example = "96420.0")
          Double totalMs,
      @Schema(minimum = "0", description = "Default: totalMs / calls.", example = "2.0")
          Double meanMs,
      @Schema(minimum = "0", description = "Where the source has percentiles.") Double p95Ms,
      @Schema(minimum = "0", description = "Rows returned or affected.", example = "48210")
          Long rows,
      @Schema(description = "The plan scans a table sequentially; absent where unknown.")
          Boolean sequentialScan) {}

  @Override
  public QueryStatsReported toEvent(String tenant, Instant receivedAt, UUID newId) {
    Violations violations = new Violations();
    violations.identity(service, environment, version, instance, timestamp);
    violations.window(windowStart, windowEnd);
    violations.eachOf(
        queries,
        "queries",
        "query",
        (query, at) -> {
          violations.requireText(query.query(), at + "/query", "query", MAX_QUERY_LENGTH);
          violations.optionalText(query.database(), at + "/database", "database");
          violations.require(query.calls(), at + "/calls", "calls");
          violations.notNegative(query.calls(), at + "/calls", "calls");
          violations.require(query.totalMs(), at + "/totalMs", "totalMs");
          violations.notNegative(query.totalMs(), at + "/totalMs", "totalMs");
          violations.notNegative(query.meanMs(), at + "/meanMs", "meanMs");
          violations.notNegative(query.p95Ms(), at + "/p95Ms", "p95Ms");
          violations.notNegative(query.rows(), at + "/rows", "rows");
        });
    violations.throwIfAny();

    Instant end = Violations.parseTimestamp(windowEnd);
    return new QueryStatsReported(
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
        queries.stream()
            .map(
                q ->
                    new QueryStats(
                        q.query().trim(),
                        trimOrNull(q.database()),
                        q.calls(),
                        q.totalMs(),
                        q.meanMs() != null ? q.meanMs() : meanOf(q.totalMs(), q.calls()),
                        q.p95Ms(),
                        q.rows(),
                        q.sequentialScan()))
            .toList());
  }

  private static double meanOf(double totalMs, long calls) {
    return calls == 0 ? 0 : totalMs / calls;
  }
}
