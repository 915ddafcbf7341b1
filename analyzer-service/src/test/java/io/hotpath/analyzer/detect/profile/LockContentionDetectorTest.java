package io.hotpath.analyzer.detect.profile;

import static io.hotpath.analyzer.detect.profile.Profiles.DEFAULTS;
import static io.hotpath.analyzer.detect.profile.Profiles.T0;
import static io.hotpath.analyzer.detect.profile.Profiles.lock;
import static io.hotpath.analyzer.detect.profile.Profiles.profile;
import static io.hotpath.analyzer.detect.profile.Profiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.ProfileType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockContentionDetectorTest {
  static final long SECOND = 1_000_000_000L;
  final LockContentionDetector detector = new LockContentionDetector(100, 12, Profiles.CLOCK);

  @Test
  void chargesTheWaitToTheCodeThatTakesTheLock() {
    List<Finding> findings =
        detector.observe(
            lock(
                T0,
                stack(
                    4 * SECOND,
                    "java.lang.Thread.run",
                    "com.app.Inventory.reserve",
                    "java.util.concurrent.locks.ReentrantLock.lock",
                    "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                    "java.util.concurrent.locks.LockSupport.park",
                    "jdk.internal.misc.Unsafe.park"),
                stack(SECOND, "java.lang.Thread.run", "com.app.Audit.append")),
            DEFAULTS);

    assertThat(findings)
        .extracting(Finding::location)
        .containsExactly("lock:com.app.Inventory.reserve", "lock:com.app.Audit.append");
    Finding inventory = findings.get(0);
    assertThat(inventory.type()).isEqualTo(BottleneckType.LOCK_CONTENTION);
    assertThat(inventory.severity()).isEqualTo(Severity.HIGH);
    assertThat(inventory.impact().value()).isEqualTo(4000.0);
    assertThat(inventory.evidence().measurements())
        .containsEntry(EvidenceKeys.WAIT_MS, 4000.0)
        .containsEntry("share", 0.8)
        .containsEntry(EvidenceKeys.THRESHOLD, 1000.0);
    assertThat(inventory.evidence().stack()).endsWith("jdk.internal.misc.Unsafe.park");
  }

  @Test
  void idleWorkersWaitingForTasksAreNotContention() {
    List<Finding> findings =
        detector.observe(
            lock(
                T0,
                stack(
                    100 * SECOND,
                    "java.lang.Thread.run",
                    "java.util.concurrent.ThreadPoolExecutor.runWorker",
                    "java.util.concurrent.ThreadPoolExecutor.getTask",
                    "java.util.concurrent.LinkedBlockingQueue.take",
                    "java.util.concurrent.locks.LockSupport.park")),
            DEFAULTS);

    assertThat(findings).isEmpty();
  }

  @Test
  void shortWaitsAreNotReported() {
    assertThat(
            detector.observe(
                lock(T0, stack(SECOND / 2, "java.lang.Thread.run", "com.app.Inventory.reserve")),
                DEFAULTS))
        .isEmpty();
  }

  @Test
  void waitLongerThanTheWindowIsCritical() {
    List<Finding> findings =
        detector.observe(
            lock(T0, stack(40 * SECOND, "java.lang.Thread.run", "com.app.Inventory.reserve")),
            DEFAULTS);

    assertThat(findings).singleElement().extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void profilesThatOnlyCountContentionsAreSkipped() {
    assertThat(
            detector.observe(
                profile(
                    ProfileType.LOCK,
                    "mutex_count",
                    "count",
                    T0,
                    List.of(stack(5000, "main", "pkg.Store.Put"))),
                DEFAULTS))
        .isEmpty();
  }
}
