package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Statistics of one query, for example a row of {@code pg_stat_statements}.
 *
 * @param p95Ms null where the source has no percentiles
 * @param sequentialScan true where the plan scans a table sequentially; null where unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryStats(
    String query,
    String database,
    long calls,
    double totalMs,
    double meanMs,
    Double p95Ms,
    Long rows,
    Boolean sequentialScan) {
  public QueryStats {
    require(query, "query");
  }
}
