package io.hotpath.analyzer.detect.profile;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.FutureTimes;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CPU hotspots: over a sliding window of a service's CPU profiles ({@code
 * cpu-hotspot.window-seconds}, all instances together, at least {@code cpu-hotspot.min-samples}
 * samples), every function holding more than {@code cpu-hotspot.min-percent} of the samples as self
 * time (its own code), and every function holding more than {@code cpu-hotspot.min-total-percent}
 * with its callees where the cost fans out below it. A frame that passes 90 % of its time on to one
 * child, a thread entry, or a frame on the path of 90 % of all samples (the program's spine) is not
 * reported by total: a callee is the better location. Frames that are not code (thread-name roots,
 * {@code [unknown]}) are left out of stacks; their samples still count in the total. Location
 * {@code frame:<function>}.
 *
 * <p>Severity by the share: at least 30 % CRITICAL, 15 % HIGH, 10 % MEDIUM, else LOW; a finding by
 * total share alone is one step lower (it includes callees' time). At most {@value #MAX_FINDINGS}
 * findings per profile, the largest first.
 *
 * <p>Bounded: {@code maxServices} services, {@code maxSlicesPerService} slices of a tenth of the
 * window each (all profiles ending in a slice merged), {@value #MAX_FRAMES} frames per slice (those
 * under 0.5 % of a slice dropped). Thread-safe.
 */
public final class CpuHotspotDetector implements SignalDetector<ProfileCaptured> {
  public static final String LOCATION_PREFIX = "frame:";
  public static final String MIN_PERCENT = "cpu-hotspot.min-percent";
  public static final String MIN_TOTAL_PERCENT = "cpu-hotspot.min-total-percent";
  public static final String WINDOW_SECONDS = "cpu-hotspot.window-seconds";
  public static final String MIN_SAMPLES = "cpu-hotspot.min-samples";

  public static final double DEFAULT_MIN_PERCENT = 5;
  public static final double DEFAULT_WINDOW_SECONDS = 300;
  public static final double DEFAULT_MIN_SAMPLES = 100;
  public static final int DEFAULT_MAX_SERVICES = 10_000;

  /** Slices kept per service; a window is cut into ten. */
  public static final int DEFAULT_MAX_SLICES = 12;

  /** At most this many findings per window, the largest first. */
  public static final int MAX_FINDINGS = 20;

  /** A frame whose time enters one child for this share or more is a pass-through. */
  static final double PASS_THROUGH_SHARE = 0.9;

  /**
   * A frame holding this much of the CPU with its callees is the program's spine (its main loop,
   * its request dispatcher), not a hotspot; it is reported only for its self time.
   */
  static final double SPINE_PERCENT = 90;

  /** Frames below this share of a profile are not kept: thresholds under 0.5 % see none. */
  static final double KEPT_SHARE = 0.005;

  /** Frames kept per slice, the heaviest by total. */
  static final int MAX_FRAMES = 2_000;

  private static final Set<String> THREAD_ENTRIES =
      Set.of(
          "java.lang.Thread.run",
          "java.lang.Thread.runWith",
          "java.util.concurrent.ThreadPoolExecutor.runWorker",
          "java.util.concurrent.ThreadPoolExecutor$Worker.run",
          "java.util.concurrent.ForkJoinWorkerThread.run",
          "java.util.concurrent.ForkJoinPool.runWorker",
          "start_thread",
          "thread_native_entry",
          "clone",
          "_start",
          "__libc_start_main",
          "runtime.goexit",
          "runtime.main");

  private final ProfileWindows windows;

  private final Clock clock;

  public CpuHotspotDetector() {
    this(DEFAULT_MAX_SERVICES, DEFAULT_MAX_SLICES);
  }

  /**
   * @param maxServices services whose windows are kept (least recently seen dropped first)
   * @param maxSlicesPerService slices (a tenth of the window each, all profiles ending in it
   *     merged) kept per service, the oldest dropped first
   */
  public CpuHotspotDetector(int maxServices, int maxSlicesPerService) {
    this(maxServices, maxSlicesPerService, Clock.systemUTC());
  }

  /**
   * As {@link #CpuHotspotDetector(int, int)}, judging the plausibility of telemetry times by {@code
   * clock}.
   */
  public CpuHotspotDetector(int maxServices, int maxSlicesPerService, Clock clock) {
    this(maxServices, maxSlicesPerService, StateBudget.UNBOUNDED, clock);
  }

  /**
   * As {@link #CpuHotspotDetector(int, int, Clock)}, its windows counting against {@code budget}
   * (the least recently active services forgotten while it is over).
   */
  public CpuHotspotDetector(
      int maxServices, int maxSlicesPerService, StateBudget budget, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.windows =
        new ProfileWindows(
            maxServices, maxSlicesPerService, KEPT_SHARE, MAX_FRAMES, 8, budget, "cpuHotspot");
  }

  @Override
  public Class<ProfileCaptured> input() {
    return ProfileCaptured.class;
  }

  @Override
  public synchronized List<Finding> observe(ProfileCaptured profile, Thresholds thresholds) {
    if (profile.profileType() != ProfileType.CPU
        || FutureTimes.implausible(ProfileWindows.end(profile), clock)) {
      return List.of();
    }
    String tenant = profile.tenant();
    String service = profile.service();
    double minPercent = thresholds.get(tenant, service, MIN_PERCENT, DEFAULT_MIN_PERCENT);
    double minTotalPercent = thresholds.get(tenant, service, MIN_TOTAL_PERCENT, minPercent);
    double windowSeconds =
        Math.max(1, thresholds.get(tenant, service, WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS));
    double minSamples = thresholds.get(tenant, service, MIN_SAMPLES, DEFAULT_MIN_SAMPLES);

    FrameTable table = CpuProfileTable.of(profile);
    ProfileWindows.Window window =
        windows.add(profile, table, Duration.ofMillis((long) (windowSeconds * 1000)));
    FrameTable merged = window.merged();
    double total = merged.total();
    if (total <= 0 || total < minSamples) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, FrameTable.Stat> entry : merged.frames().entrySet()) {
      FrameTable.Stat stat = entry.getValue();
      double selfPercent = 100 * stat.self() / total;
      double totalPercent = 100 * stat.total() / total;
      if (selfPercent > minPercent) {
        findings.add(
            finding(
                entry.getKey(), stat, selfPercent, totalPercent, total, window, minPercent, false));
      } else if (totalPercent > minTotalPercent
          && totalPercent < SPINE_PERCENT
          && !stat.isRoot()
          && !THREAD_ENTRIES.contains(entry.getKey())
          && stat.dominantChildShare() < PASS_THROUGH_SHARE) {
        findings.add(
            finding(
                entry.getKey(),
                stat,
                selfPercent,
                totalPercent,
                total,
                window,
                minTotalPercent,
                true));
      }
    }
    findings.sort(Comparator.comparingDouble((Finding f) -> -f.impact().value()));
    return findings.size() > MAX_FINDINGS
        ? List.copyOf(findings.subList(0, MAX_FINDINGS))
        : findings;
  }

  /** The severity of a share of CPU, in percent. */
  public static Severity severity(double percent) {
    if (percent >= 30) {
      return Severity.CRITICAL;
    }
    if (percent >= 15) {
      return Severity.HIGH;
    }
    if (percent >= 10) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }

  private static Severity lower(Severity severity) {
    return severity == Severity.LOW ? Severity.LOW : Severity.values()[severity.ordinal() + 1];
  }

  private static Finding finding(
      String frame,
      FrameTable.Stat stat,
      double selfPercent,
      double totalPercent,
      double samples,
      ProfileWindows.Window window,
      double threshold,
      boolean byTotal) {
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.SELF_PERCENT, round(selfPercent));
    measurements.put(EvidenceKeys.TOTAL_PERCENT, round(totalPercent));
    measurements.put(EvidenceKeys.SAMPLES, Math.rint(samples));
    measurements.put("selfSamples", Math.rint(stat.self()));
    measurements.put(EvidenceKeys.THRESHOLD, threshold);
    String share =
        byTotal
            ? String.format(Locale.ROOT, "%.1f %% of CPU with its callees", totalPercent)
            : String.format(Locale.ROOT, "%.1f %% of CPU in its own code", selfPercent);
    Impact impact =
        byTotal
            ? new Impact(round(totalPercent), "% cpu", frame + " takes " + share)
            : new Impact(round(selfPercent), "% cpu", frame + " takes " + share);
    Evidence evidence =
        new Evidence(
            String.format(
                Locale.ROOT,
                "%s: self %.1f %%, total %.1f %% of %.0f CPU samples in %d profiles"
                    + " (threshold %.1f %%); stack is the hottest through it",
                frame,
                selfPercent,
                totalPercent,
                samples,
                window.profiles(),
                threshold),
            measurements,
            window.start(),
            window.end(),
            window.eventIds(20),
            List.of(),
            List.of(),
            stat.hottestStack());
    Severity severity = byTotal ? lower(severity(totalPercent)) : severity(selfPercent);
    return new Finding(
        BottleneckType.CPU_HOTSPOT, severity, LOCATION_PREFIX + frame, impact, evidence);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
