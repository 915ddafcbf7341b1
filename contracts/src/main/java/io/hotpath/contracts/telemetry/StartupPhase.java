package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One named phase of a start (for example {@code hibernate-bootstrap}) and how long it took. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StartupPhase(String name, long durationMs) {
  public StartupPhase {
    require(name, "name");
    if (durationMs < 0) {
      throw new IllegalArgumentException("durationMs must not be negative");
    }
  }
}
