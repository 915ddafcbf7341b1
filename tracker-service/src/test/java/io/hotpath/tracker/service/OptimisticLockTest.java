package io.hotpath.tracker.service;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import java.util.concurrent.CompletionException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class OptimisticLockTest {

  @Test
  void recognisesALostOptimisticLockWhereverItIsWrapped() {
    assertThat(
            MatrixUpdates.lostOptimisticLock(
                new CompletionException(new StaleObjectStateException("bottleneck", 7L))))
        .isTrue();
    assertThat(MatrixUpdates.lostOptimisticLock(new OptimisticLockException("row changed")))
        .isTrue();
  }

  @Test
  void leavesOtherFailuresAlone() {
    assertThat(MatrixUpdates.lostOptimisticLock(new IllegalStateException("broken"))).isFalse();
    assertThat(
            MatrixUpdates.lostOptimisticLock(new RuntimeException(new IllegalArgumentException())))
        .isFalse();
  }
}
