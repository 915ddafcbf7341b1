package io.hotpath.contracts.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockWaitsTest {

  @Test
  void chargesTheWaitToTheDeepestFrameOutsideTheLockingMachinery() {
    List<String> stack =
        List.of(
            "[pool-1-thread-3 tid=42]",
            "com.shop.Api.handle_[j]",
            "com.shop.Cart.add:118",
            "java.util.concurrent.locks.ReentrantLock.lock",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
            "jdk.internal.misc.Unsafe.park");

    assertThat(LockWaits.waitingFunction(stack)).isEqualTo("com.shop.Cart.add");
    assertThat(LockWaits.location(LockWaits.waitingFunction(stack)))
        .isEqualTo("lock:com.shop.Cart.add");
  }

  @Test
  void threadsWaitingForWorkAreNoContention() {
    assertThat(
            LockWaits.waitingFunction(
                List.of(
                    "java.lang.Thread.run",
                    "java.util.concurrent.ThreadPoolExecutor.getTask",
                    "java.util.concurrent.locks.LockSupport.park")))
        .isNull();
    assertThat(LockWaits.waitingFunction(List.of("[unknown]", "root"))).isNull();
  }

  @Test
  void goMutexWaitsAreChargedToTheCaller() {
    assertThat(
            LockWaits.waitingFunction(
                List.of(
                    "main.serve", "main.(*Store).Put", "sync.(*Mutex).Lock", "runtime.semacquire")))
        .isEqualTo("main.(*Store).Put");
  }

  @Test
  void onlyLockProfilesInAUnitOfTimeMeasureWait() {
    assertThat(LockWaits.measuresWait(ProfileType.LOCK, "nanoseconds")).isTrue();
    assertThat(LockWaits.measuresWait(ProfileType.LOCK, "ms")).isTrue();
    assertThat(LockWaits.measuresWait(ProfileType.LOCK, "count")).isFalse();
    assertThat(LockWaits.measuresWait(ProfileType.CPU, "nanoseconds")).isFalse();
  }

  @Test
  void normalizesFramesAlikeWhateverAgentSentThem() {
    assertThat(ProfileFrames.normalize(" com.shop.Cart.add_[j] ")).isEqualTo("com.shop.Cart.add");
    assertThat(ProfileFrames.normalize("com.shop.Cart.add:42")).isEqualTo("com.shop.Cart.add");
    assertThat(ProfileFrames.millis("microseconds", 2500)).isEqualTo(2.5);
    assertThat(ProfileFrames.millis("samples", 1)).isNaN();
  }
}
