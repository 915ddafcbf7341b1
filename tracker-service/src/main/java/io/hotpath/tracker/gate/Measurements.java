package io.hotpath.tracker.gate;

import java.util.List;
import java.util.Map;

/**
 * What a version of a service measured: startup, memory, each endpoint's p95, and the fingerprints
 * of the bottlenecks seen in it.
 */
public record Measurements(
    String version,
    double startupMs,
    double memoryMb,
    Map<String, Double> endpointP95Ms,
    List<String> bottlenecks) {
  public Measurements {
    endpointP95Ms = endpointP95Ms == null ? Map.of() : Map.copyOf(endpointP95Ms);
    bottlenecks = bottlenecks == null ? List.of() : List.copyOf(bottlenecks);
  }
}
