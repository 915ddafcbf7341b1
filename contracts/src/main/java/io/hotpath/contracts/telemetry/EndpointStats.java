package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Latency and outcome counts of one route over a report's window. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointStats(
    String route,
    String method,
    long requests,
    long errors,
    long timeouts,
    double p50Ms,
    double p95Ms,
    double p99Ms) {
  public EndpointStats {
    require(route, "route");
  }
}
