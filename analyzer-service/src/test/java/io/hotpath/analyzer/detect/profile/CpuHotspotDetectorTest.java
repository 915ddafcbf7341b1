package io.hotpath.analyzer.detect.profile;

import static io.hotpath.analyzer.detect.profile.Profiles.DEFAULTS;
import static io.hotpath.analyzer.detect.profile.Profiles.T0;
import static io.hotpath.analyzer.detect.profile.Profiles.cpu;
import static io.hotpath.analyzer.detect.profile.Profiles.cpuLeaves;
import static io.hotpath.analyzer.detect.profile.Profiles.profile;
import static io.hotpath.analyzer.detect.profile.Profiles.stack;
import static io.hotpath.analyzer.detect.profile.Profiles.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuHotspotDetectorTest {
  final CpuHotspotDetector detector = new CpuHotspotDetector(100, 12, Profiles.CLOCK);

  private static List<String> locations(List<Finding> findings) {
    return findings.stream().map(Finding::location).toList();
  }

  @Test
  void reportsFrameAboveFivePercentOfCpuSamples() {
    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0, Map.of("com.app.Json.parse", 60L, "com.app.Other.work", 940L)), DEFAULTS);

    Finding hot =
        findings.stream()
            .filter(f -> f.location().equals("frame:com.app.Json.parse"))
            .findFirst()
            .orElseThrow();
    assertThat(hot.type()).isEqualTo(BottleneckType.CPU_HOTSPOT);
    assertThat(hot.severity()).isEqualTo(Severity.LOW);
    assertThat(hot.impact().value()).isEqualTo(6.0);
    assertThat(hot.impact().unit()).isEqualTo("% cpu");
    assertThat(hot.evidence().measurements())
        .containsEntry(EvidenceKeys.SELF_PERCENT, 6.0)
        .containsEntry(EvidenceKeys.TOTAL_PERCENT, 6.0)
        .containsEntry(EvidenceKeys.SAMPLES, 1000.0)
        .containsEntry(EvidenceKeys.THRESHOLD, 5.0);
    assertThat(hot.evidence().stack())
        .containsExactly("java.lang.Thread.run", "com.app.Worker.loop", "com.app.Json.parse");
  }

  @Test
  void fourPercentFrameIsNotAHotspot() {
    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0, Map.of("com.app.Json.parse", 40L, "com.app.Other.work", 960L)), DEFAULTS);

    assertThat(locations(findings)).doesNotContain("frame:com.app.Json.parse");
  }

  @Test
  void severityRisesWithTheShare() {
    List<Finding> findings =
        detector.observe(
            cpuLeaves(
                T0,
                Map.of(
                    "a.A.critical",
                    350L,
                    "a.A.high",
                    200L,
                    "a.A.medium",
                    120L,
                    "a.A.low",
                    60L,
                    "a.A.rest",
                    270L)),
            DEFAULTS);

    assertThat(findings)
        .extracting(Finding::location, Finding::severity)
        .contains(
            org.assertj.core.groups.Tuple.tuple("frame:a.A.critical", Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple("frame:a.A.high", Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple("frame:a.A.medium", Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple("frame:a.A.low", Severity.LOW));
    assertThat(findings.get(0).location()).isEqualTo("frame:a.A.critical");
  }

  @Test
  void threadRootsAndPassThroughFramesAreNotReportedByTotal() {
    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0, Map.of("com.app.Json.parse", 500L, "com.app.Other.work", 500L)),
            DEFAULTS);

    assertThat(locations(findings))
        .containsExactlyInAnyOrder("frame:com.app.Json.parse", "frame:com.app.Other.work");
  }

  @Test
  void reportsFrameByTotalWhereItsCostFansOutToCallees() {
    List<Finding> findings =
        detector.observe(
            cpu(
                T0,
                stack(
                    40,
                    "java.lang.Thread.run",
                    "com.app.Api.handle",
                    "com.app.Mapper.map",
                    "java.util.HashMap.get"),
                stack(
                    40,
                    "java.lang.Thread.run",
                    "com.app.Api.handle",
                    "com.app.Mapper.map",
                    "java.util.HashMap.put"),
                stack(
                    40,
                    "java.lang.Thread.run",
                    "com.app.Api.handle",
                    "com.app.Mapper.map",
                    "java.lang.String.hashCode"),
                stack(880, "java.lang.Thread.run", "com.app.Other.work")),
            DEFAULTS);

    Finding mapper =
        findings.stream()
            .filter(f -> f.location().equals("frame:com.app.Mapper.map"))
            .findFirst()
            .orElseThrow();
    assertThat(mapper.evidence().measurements())
        .containsEntry(EvidenceKeys.SELF_PERCENT, 0.0)
        .containsEntry(EvidenceKeys.TOTAL_PERCENT, 12.0);
    assertThat(mapper.severity()).isEqualTo(Severity.LOW);
    assertThat(locations(findings))
        .doesNotContain(
            "frame:com.app.Api.handle",
            "frame:java.lang.Thread.run",
            "frame:java.util.HashMap.get");
  }

  @Test
  void syntheticThreadFramesAndFrameSuffixesAreNotPartOfTheLocation() {
    List<Finding> findings =
        detector.observe(
            cpu(
                T0,
                stack(
                    300,
                    "[executor-thread-1 tid=42]",
                    "java.lang.Thread.run_[j]",
                    "com.app.Json.parse_[j]",
                    "[unknown]"),
                stack(
                    700,
                    "[executor-thread-2 tid=43]",
                    "java.lang.Thread.run_[j]",
                    "com.app.Other.work:42")),
            DEFAULTS);

    assertThat(locations(findings))
        .containsExactly("frame:com.app.Other.work", "frame:com.app.Json.parse");
    assertThat(findings.get(1).evidence().stack())
        .containsExactly("java.lang.Thread.run", "com.app.Json.parse");
  }

  @Test
  void sharesAreTakenOverTheWholeWindow() {
    detector.observe(
        cpuLeaves(T0, Map.of("com.app.Json.parse", 120L, "com.app.Other.work", 880L)), DEFAULTS);

    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0.plusSeconds(10), Map.of("com.app.Other.work", 1000L)), DEFAULTS);

    Finding hot =
        findings.stream()
            .filter(f -> f.location().equals("frame:com.app.Json.parse"))
            .findFirst()
            .orElseThrow();
    assertThat(hot.evidence().measurements()).containsEntry(EvidenceKeys.SELF_PERCENT, 6.0);
  }

  @Test
  void profilesOlderThanTheWindowAreForgotten() {
    detector.observe(
        cpuLeaves(T0, Map.of("com.app.Json.parse", 500L, "com.app.Other.work", 500L)), DEFAULTS);

    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0.plus(Duration.ofMinutes(6)), Map.of("com.app.Other.work", 1000L)),
            DEFAULTS);

    assertThat(locations(findings)).doesNotContain("frame:com.app.Json.parse");
  }

  @Test
  void tooFewSamplesAreNotJudged() {
    assertThat(
            detector.observe(
                cpuLeaves(T0, Map.of("com.app.Json.parse", 50L, "com.app.Other.work", 40L)),
                DEFAULTS))
        .isEmpty();
  }

  @Test
  void honoursTheServiceThreshold() {
    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0, Map.of("com.app.Json.parse", 60L, "com.app.Other.work", 940L)),
            with(CpuHotspotDetector.MIN_PERCENT, 10));

    assertThat(locations(findings)).doesNotContain("frame:com.app.Json.parse");
  }

  @Test
  void otherProfileTypesAreIgnored() {
    assertThat(
            detector.observe(
                profile(
                    ProfileType.WALL,
                    "wall",
                    "samples",
                    T0,
                    List.of(stack(1000, "java.lang.Thread.run", "com.app.Json.parse"))),
                DEFAULTS))
        .isEmpty();
  }

  @Test
  void keepsAtMostTheCappedNumberOfSlicesPerService() {
    CpuHotspotDetector capped = new CpuHotspotDetector(10, 1, Profiles.CLOCK);
    capped.observe(
        cpuLeaves(T0, Map.of("com.app.Json.parse", 500L, "com.app.Other.work", 500L)), DEFAULTS);

    List<Finding> findings =
        capped.observe(
            cpuLeaves(T0.plusSeconds(60), Map.of("com.app.Other.work", 1000L)), DEFAULTS);

    assertThat(locations(findings)).containsExactly("frame:com.app.Other.work");
  }

  @Test
  void profilesOfSeveralInstancesInOneSliceAreMerged() {
    ProfileCaptured podOne =
        cpuLeaves(T0, Map.of("com.app.Json.parse", 100L, "com.app.Other.work", 900L));
    ProfileCaptured podTwo =
        cpuLeaves(T0.plusSeconds(5), Map.of("com.app.Json.parse", 20L, "com.app.Other.work", 980L));
    detector.observe(podOne, DEFAULTS);

    List<Finding> findings = detector.observe(podTwo, DEFAULTS);

    Finding hot =
        findings.stream()
            .filter(f -> f.location().equals("frame:com.app.Json.parse"))
            .findFirst()
            .orElseThrow();
    assertThat(hot.evidence().measurements()).containsEntry(EvidenceKeys.SELF_PERCENT, 6.0);
    assertThat(hot.evidence().sourceEventIds()).containsExactly(podOne.eventId(), podTwo.eventId());
  }

  @Test
  void aProfileFromTheFutureDoesNotStallTheWindow() {
    assertThat(
            detector.observe(
                cpuLeaves(T0.plus(Duration.ofDays(3650)), Map.of("com.app.Json.parse", 1000L)),
                DEFAULTS))
        .isEmpty();

    List<Finding> findings =
        detector.observe(
            cpuLeaves(T0, Map.of("com.app.Json.parse", 60L, "com.app.Other.work", 940L)), DEFAULTS);

    assertThat(locations(findings)).contains("frame:com.app.Json.parse");
  }

  @Test
  void samplesWithoutCodeFramesStillCountInTheTotal() {
    List<Finding> findings =
        detector.observe(
            cpu(
                T0,
                stack(40, "java.lang.Thread.run", "com.app.Json.parse"),
                stack(460, "java.lang.Thread.run", "com.app.Other.work"),
                stack(500, "[GC_active]")),
            DEFAULTS);

    assertThat(locations(findings)).doesNotContain("frame:com.app.Json.parse");
  }
}
