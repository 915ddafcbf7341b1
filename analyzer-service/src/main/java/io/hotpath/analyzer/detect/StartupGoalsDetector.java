package io.hotpath.analyzer.detect;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupReported;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SLOW_STARTUP for a whole start, next to {@link StartupPhaseDetector}'s phases: time to ready over
 * {@code slow-startup.cold-time-to-ready-ms} (10000) for a cold start or {@code
 * slow-startup.warm-time-to-ready-ms} (5000) for a warm one, at {@code
 * startup:time-to-ready:cold|warm}; startup memory over {@code slow-startup.memory-mb} (0: no goal)
 * at {@code startup:memory}. A goal of 0 turns the check off. Severity by measured / goal. The
 * evidence carries the service's baseline: the median of its previous {@link #BASELINE_STARTS}
 * starts of the same type, where there were any.
 */
public final class StartupGoalsDetector implements SignalDetector<StartupReported> {
  public static final String COLD_TIME_TO_READY_MS = "slow-startup.cold-time-to-ready-ms";
  public static final String WARM_TIME_TO_READY_MS = "slow-startup.warm-time-to-ready-ms";
  public static final String MEMORY_MB = "slow-startup.memory-mb";
  static final int BASELINE_STARTS = 20;
  static final int SERVICES = 10_000;

  private final Map<String, Deque<Long>> history = new BoundedMap<>(SERVICES);

  @Override
  public Class<StartupReported> input() {
    return StartupReported.class;
  }

  @Override
  public List<Finding> observe(StartupReported start, Thresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    boolean cold = start.startType() == StartType.COLD;
    String type = cold ? "cold" : "warm";
    if (start.timeToReadyMs() != null && start.timeToReadyMs() >= 0) {
      Deque<Long> previous =
          history.computeIfAbsent(
              start.tenant() + '/' + start.service() + '/' + type, k -> new ArrayDeque<>());
      Double baseline = median(previous);
      double goal =
          thresholds.get(
              start.tenant(),
              start.service(),
              cold ? COLD_TIME_TO_READY_MS : WARM_TIME_TO_READY_MS,
              cold ? 10_000 : 5_000);
      long ready = start.timeToReadyMs();
      if (goal > 0 && ready > goal) {
        Map<String, Double> m = measurements(start, goal);
        m.put(EvidenceKeys.TIME_TO_READY_MS, (double) ready);
        if (baseline != null) {
          m.put(EvidenceKeys.BASELINE_MS, baseline);
        }
        findings.add(
            finding(
                start,
                thresholds,
                "startup:time-to-ready:" + type,
                ready / goal,
                new Impact(
                    ready,
                    "ms",
                    String.format(
                        Locale.ROOT,
                        "%s start ready after %d ms (goal <= %.0f ms)",
                        type,
                        ready,
                        goal)),
                String.format(
                    Locale.ROOT,
                    "%s start of %s %s was ready after %d ms, over the %.0f ms goal%s",
                    start.startType(),
                    start.service(),
                    start.version(),
                    ready,
                    goal,
                    baseline == null
                        ? ""
                        : String.format(
                            Locale.ROOT, " (median of previous starts %.0f ms)", baseline)),
                m));
      }
      previous.addLast(ready);
      if (previous.size() > BASELINE_STARTS) {
        previous.removeFirst();
      }
    }
    Double memory = start.startupMemoryMb();
    double memoryGoal = thresholds.get(start.tenant(), start.service(), MEMORY_MB, 0);
    if (memory != null && memoryGoal > 0 && memory > memoryGoal) {
      Map<String, Double> m = measurements(start, memoryGoal);
      m.put(EvidenceKeys.STARTUP_MEMORY_MB, memory);
      m.put(EvidenceKeys.THRESHOLD, memoryGoal);
      m.remove(EvidenceKeys.THRESHOLD_MS);
      m.remove(EvidenceKeys.GOAL_MS);
      findings.add(
          finding(
              start,
              thresholds,
              "startup:memory",
              memory / memoryGoal,
              new Impact(
                  memory,
                  "MB",
                  String.format(
                      Locale.ROOT, "%.0f MB once started (goal <= %.0f MB)", memory, memoryGoal)),
              String.format(
                  Locale.ROOT,
                  "%s start of %s %s held %.1f MB once ready, over the %.0f MB goal",
                  start.startType(),
                  start.service(),
                  start.version(),
                  memory,
                  memoryGoal),
              m));
    }
    return findings;
  }

  private static Map<String, Double> measurements(StartupReported start, double goal) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(EvidenceKeys.GOAL_MS, goal);
    m.put(EvidenceKeys.THRESHOLD_MS, goal);
    m.put(EvidenceKeys.COLD_START, start.startType() == StartType.COLD ? 1.0 : 0.0);
    return m;
  }

  private static Finding finding(
      StartupReported start,
      Thresholds thresholds,
      String location,
      double ratio,
      Impact impact,
      String description,
      Map<String, Double> measurements) {
    return new Finding(
        BottleneckType.SLOW_STARTUP,
        Severities.byRatio(
            ratio, BottleneckType.SLOW_STARTUP, thresholds, start.tenant(), start.service()),
        location,
        impact,
        new Evidence(
            description,
            measurements,
            start.eventTime(),
            start.eventTime(),
            List.of(start.eventId()),
            List.of(),
            List.of(),
            List.of()));
  }

  private static Double median(Deque<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
