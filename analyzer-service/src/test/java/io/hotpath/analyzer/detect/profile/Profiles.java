package io.hotpath.analyzer.detect.profile;

import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Profiles for tests. */
final class Profiles {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** A day after the telemetry of the tests: none of it is from the future. */
  static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

  static final Thresholds DEFAULTS = (tenant, service, key, fallback) -> fallback;

  private Profiles() {}

  static Thresholds with(String key, double value) {
    return (tenant, service, k, fallback) -> k.equals(key) ? value : fallback;
  }

  static StackSample stack(long value, String... frames) {
    return new StackSample(Arrays.asList(frames), value);
  }

  static ProfileCaptured profile(
      ProfileType type, String sampleType, String unit, Instant end, List<StackSample> stacks) {
    return new ProfileCaptured(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        "pod-1",
        end,
        type,
        sampleType,
        unit,
        10_000_000L,
        end.minus(Duration.ofSeconds(10)),
        end,
        stacks);
  }

  static ProfileCaptured cpu(Instant end, StackSample... stacks) {
    return profile(ProfileType.CPU, "cpu", "samples", end, List.of(stacks));
  }

  static ProfileCaptured lock(Instant end, StackSample... stacks) {
    return profile(ProfileType.LOCK, "lock_duration", "nanoseconds", end, List.of(stacks));
  }

  /** A CPU profile where each frame is the leaf of its own stack under a common root. */
  static ProfileCaptured cpuLeaves(Instant end, Map<String, Long> samplesByLeaf) {
    return cpu(
        end,
        samplesByLeaf.entrySet().stream()
            .map(
                e -> stack(e.getValue(), "java.lang.Thread.run", "com.app.Worker.loop", e.getKey()))
            .toArray(StackSample[]::new));
  }
}
