package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The outcome of one functional check (a smoke test, a synthetic probe) of a service. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionalityCheck(String name, boolean passed, String detail) {
  public FunctionalityCheck {
    require(name, "name");
  }
}
