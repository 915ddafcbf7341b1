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
import io.hotpath.contracts.telemetry.LockWaits;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Lock contention, from lock profiles that measure wait time (JFR {@code jdk.JavaMonitorEnter} and
 * {@code jdk.ThreadPark} as {@code lock_duration}, pprof {@code mutex}/{@code block} delays). Each
 * stack's wait is charged to the code that waits: the deepest frame that is not part of the locking
 * machinery ({@code LockSupport.park}, {@code AbstractQueuedSynchronizer}, {@code Object.wait},
 * Go's {@code sync.(*Mutex).Lock}, ...). Stacks of threads that wait for work rather than for a
 * lock (idle pool workers in {@code ThreadPoolExecutor.getTask}, queue takes, {@code Thread.sleep},
 * futures) are not contention and are left out. Profiles that count contentions without a time are
 * skipped.
 *
 * <p>A frame is reported at {@code lock:<function>} when its wait is more than {@code
 * lock-contention.min-percent} of the window's lock wait and at least {@code
 * lock-contention.min-wait-ms}. Severity: CRITICAL when on average at least one thread waits at
 * that frame all the window long (wait ≥ window length), else HIGH at ≥ 50 % of the wait, MEDIUM at
 * ≥ 20 %, else LOW.
 */
public final class LockContentionDetector implements SignalDetector<ProfileCaptured> {
  public static final String LOCATION_PREFIX = LockWaits.LOCATION_PREFIX;
  public static final String MIN_PERCENT = "lock-contention.min-percent";
  public static final String MIN_WAIT_MS = "lock-contention.min-wait-ms";
  public static final String WINDOW_SECONDS = "lock-contention.window-seconds";

  public static final double DEFAULT_MIN_PERCENT = 5;
  public static final double DEFAULT_MIN_WAIT_MS = 1000;
  public static final double DEFAULT_WINDOW_SECONDS = 300;
  public static final int MAX_FINDINGS = 20;

  private final ProfileWindows windows;

  private final Clock clock;

  public LockContentionDetector() {
    this(CpuHotspotDetector.DEFAULT_MAX_SERVICES, CpuHotspotDetector.DEFAULT_MAX_SLICES);
  }

  /**
   * @param maxServices services whose windows are kept (least recently seen dropped first)
   * @param maxSlicesPerService slices (a tenth of the window each) kept per service
   */
  public LockContentionDetector(int maxServices, int maxSlicesPerService) {
    this(maxServices, maxSlicesPerService, Clock.systemUTC());
  }

  /**
   * As {@link #LockContentionDetector(int, int)}, judging the plausibility of telemetry times by
   * {@code clock}.
   */
  public LockContentionDetector(int maxServices, int maxSlicesPerService, Clock clock) {
    this(maxServices, maxSlicesPerService, StateBudget.UNBOUNDED, clock);
  }

  /**
   * As {@link #LockContentionDetector(int, int, Clock)}, its windows counting against {@code
   * budget} (the least recently active services forgotten while it is over).
   */
  public LockContentionDetector(
      int maxServices, int maxSlicesPerService, StateBudget budget, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.windows =
        new ProfileWindows(
            maxServices,
            maxSlicesPerService,
            CpuHotspotDetector.KEPT_SHARE,
            CpuHotspotDetector.MAX_FRAMES,
            1,
            budget,
            "lockContention");
  }

  @Override
  public Class<ProfileCaptured> input() {
    return ProfileCaptured.class;
  }

  @Override
  public synchronized List<Finding> observe(ProfileCaptured profile, Thresholds thresholds) {
    if (!LockWaits.measuresWait(profile.profileType(), profile.unit())
        || FutureTimes.implausible(ProfileWindows.end(profile), clock)) {
      return List.of();
    }
    String tenant = profile.tenant();
    String service = profile.service();
    double minPercent = thresholds.get(tenant, service, MIN_PERCENT, DEFAULT_MIN_PERCENT);
    double minWaitMs = thresholds.get(tenant, service, MIN_WAIT_MS, DEFAULT_MIN_WAIT_MS);
    double windowSeconds =
        Math.max(1, thresholds.get(tenant, service, WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS));

    FrameTable table = new FrameTable();
    for (StackSample stack : profile.stacks()) {
      List<String> code = Frames.code(stack.frames());
      table.add(code, waitingFrame(code), Frames.millis(profile.unit(), stack.value()));
    }
    ProfileWindows.Window window =
        windows.add(profile, table, Duration.ofMillis((long) (windowSeconds * 1000)));
    FrameTable merged = window.merged();
    double totalMs = merged.total();
    if (totalMs <= 0) {
      return List.of();
    }
    double windowMs = Math.max(1, Duration.between(window.start(), window.end()).toMillis());
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, FrameTable.Stat> entry : merged.frames().entrySet()) {
      FrameTable.Stat stat = entry.getValue();
      double waitMs = stat.self();
      double share = waitMs / totalMs;
      if (100 * share > minPercent && waitMs >= minWaitMs) {
        findings.add(finding(entry.getKey(), stat, share, totalMs, windowMs, minWaitMs, window));
      }
    }
    findings.sort(Comparator.comparingDouble((Finding f) -> -f.impact().value()));
    return findings.size() > MAX_FINDINGS
        ? List.copyOf(findings.subList(0, MAX_FINDINGS))
        : findings;
  }

  /**
   * The index of the frame that waits for a lock; -1 when the thread waits for work, not a lock, or
   * the stack holds no code ({@link LockWaits#waitingFrame}, shared with the tracker).
   */
  static int waitingFrame(List<String> code) {
    return LockWaits.waitingFrame(code);
  }

  /** Severity from the frame's share of the lock wait and its average waiting threads. */
  static Severity severity(double share, double waitMs, double windowMs) {
    if (waitMs >= windowMs) {
      return Severity.CRITICAL;
    }
    if (share >= 0.5) {
      return Severity.HIGH;
    }
    if (share >= 0.2) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }

  private static Finding finding(
      String frame,
      FrameTable.Stat stat,
      double share,
      double totalMs,
      double windowMs,
      double minWaitMs,
      ProfileWindows.Window window) {
    double waitMs = stat.self();
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.WAIT_MS, Math.rint(waitMs));
    measurements.put("share", CpuHotspotDetector.round(share));
    measurements.put(EvidenceKeys.THRESHOLD, minWaitMs);
    measurements.put("totalWaitMs", Math.rint(totalMs));
    measurements.put("windowMs", windowMs);
    measurements.put("avgWaitingThreads", CpuHotspotDetector.round(waitMs / windowMs));
    String summary =
        String.format(
            Locale.ROOT,
            "threads waited %.0f ms for a lock in %s (%.0f %% of all lock wait)",
            waitMs,
            frame,
            100 * share);
    Evidence evidence =
        new Evidence(
            summary
                + String.format(
                    Locale.ROOT,
                    " over %.0f s of lock profiles (%d profiles); stack is the longest waiting",
                    windowMs / 1000,
                    window.profiles()),
            measurements,
            window.start(),
            window.end(),
            window.eventIds(20),
            List.of(),
            List.of(),
            stat.hottestStack());
    return new Finding(
        BottleneckType.LOCK_CONTENTION,
        severity(share, waitMs, windowMs),
        LockWaits.location(frame),
        new Impact(Math.rint(waitMs), "ms", summary),
        evidence);
  }
}
