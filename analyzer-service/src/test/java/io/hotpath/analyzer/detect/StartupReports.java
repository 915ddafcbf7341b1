package io.hotpath.analyzer.detect;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Startup reports for tests. */
public final class StartupReports {
  public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private StartupReports() {}

  public static StartupReported report(
      UUID eventId, String service, Instant at, StartupPhase... phases) {
    return new StartupReported(
        eventId,
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1.4.2",
        "pod-1",
        at,
        StartType.COLD,
        List.of(phases),
        4200L,
        312.5);
  }

  public static StartupReported report(StartupPhase... phases) {
    return report(UUID.randomUUID(), "checkout", T0, phases);
  }

  public static StartupPhase phase(String name, long durationMs) {
    return new StartupPhase(name, durationMs);
  }
}
