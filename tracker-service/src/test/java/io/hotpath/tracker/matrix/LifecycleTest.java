package io.hotpath.tracker.matrix;

import static io.hotpath.contracts.tracking.BottleneckStatus.COMPLETED;
import static io.hotpath.contracts.tracking.BottleneckStatus.DEFERRED;
import static io.hotpath.contracts.tracking.BottleneckStatus.FAILED;
import static io.hotpath.contracts.tracking.BottleneckStatus.IN_PROGRESS;
import static io.hotpath.contracts.tracking.BottleneckStatus.NOT_STARTED;
import static io.hotpath.contracts.tracking.BottleneckStatus.ROLLED_BACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void startsWorkOrDefersFromNotStarted() {
    assertThat(Lifecycle.allowedAfter(NOT_STARTED)).containsExactly(IN_PROGRESS, DEFERRED);
  }

  @Test
  void endsWorkInProgressInAnEndStateOrGoesBack() {
    assertThat(Lifecycle.allowedAfter(IN_PROGRESS))
        .containsExactlyInAnyOrder(COMPLETED, FAILED, ROLLED_BACK, DEFERRED, NOT_STARTED);
  }

  @Test
  void retriesAfterAFailureOrARollback() {
    assertThat(Lifecycle.allows(FAILED, IN_PROGRESS)).isTrue();
    assertThat(Lifecycle.allows(ROLLED_BACK, IN_PROGRESS)).isTrue();
    assertThat(Lifecycle.allows(FAILED, COMPLETED)).isFalse();
  }

  @Test
  void rollsBackAFailedFix() {
    // A fix that failed its validation is taken back by the rollback executor.
    assertThat(Lifecycle.allowedAfter(FAILED)).containsExactly(IN_PROGRESS, ROLLED_BACK, DEFERRED);
  }

  @Test
  void resumesADeferral() {
    assertThat(Lifecycle.allowedAfter(DEFERRED)).containsExactly(NOT_STARTED, IN_PROGRESS);
  }

  @Test
  void leavesCompletedOnlyByRollingBack() {
    assertThat(Lifecycle.allowedAfter(COMPLETED)).containsExactly(ROLLED_BACK);
  }

  @Test
  void neverMovesToTheSameStatus() {
    for (BottleneckStatus status : BottleneckStatus.values()) {
      assertThat(Lifecycle.allows(status, status)).as(status.name()).isFalse();
    }
  }

  @Test
  void offersNeitherCompletedNorDeferralOfCriticalThroughTheApi() {
    assertThat(Lifecycle.allowedThroughApi(IN_PROGRESS, Severity.CRITICAL))
        .containsExactly(NOT_STARTED, FAILED, ROLLED_BACK)
        .doesNotContain(COMPLETED, DEFERRED);
    assertThat(Lifecycle.allowedThroughApi(NOT_STARTED, Severity.LOW))
        .containsExactly(IN_PROGRESS, DEFERRED);
    assertThat(Lifecycle.allowedThroughApi(NOT_STARTED, Severity.HIGH))
        .containsExactly(IN_PROGRESS);
  }
}
