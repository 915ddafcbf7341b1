package io.hotpath.analyzer.detect.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangePointTest {
  /** {@code n} latencies around {@code median} with log-normal noise (about ±25 %). */
  static double[] noisy(Random random, int n, double median) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = median * Math.exp(random.nextGaussian() * 0.25);
    }
    return values;
  }

  static double[] concat(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static Optional<ChangePoint.Change> stepUp(double[] values) {
    return ChangePoint.stepUp(values, 10, 0.01, 20);
  }

  @Test
  void stableNoisySeriesHasNoStepUp() {
    for (int seed = 0; seed < 200; seed++) {
      assertThat(stepUp(noisy(new Random(seed), 120, 100))).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void clearStepUpIsFoundWhereItHappened() {
    Random random = new Random(1);

    Optional<ChangePoint.Change> change =
        stepUp(concat(noisy(random, 40, 100), noisy(random, 20, 160)));

    assertThat(change)
        .hasValueSatisfying(
            c -> {
              assertThat(c.split()).isBetween(37, 43);
              assertThat(c.before()).isCloseTo(100, within(15.0));
              assertThat(c.after()).isCloseTo(160, within(25.0));
              assertThat(c.changePercent()).isBetween(40.0, 110.0);
              assertThat(c.pValue()).isLessThan(0.01);
            });
  }

  @Test
  void changeInsideNormalNoiseIsNotARegression() {
    for (int seed = 0; seed < 50; seed++) {
      Random random = new Random(seed);
      assertThat(stepUp(concat(noisy(random, 40, 100), noisy(random, 20, 108))))
          .as("seed %d", seed)
          .isEmpty();
    }
  }

  @Test
  void stepDownIsAnImprovementNotARegression() {
    Random random = new Random(2);

    assertThat(stepUp(concat(noisy(random, 40, 160), noisy(random, 20, 100)))).isEmpty();
  }

  @Test
  void aFewSlowPointsAtTheEndAreNotYetAStep() {
    Random random = new Random(3);

    assertThat(stepUp(concat(noisy(random, 50, 100), noisy(random, 5, 300)))).isEmpty();
  }

  @Test
  void aSpikeThatWentAwayIsNotAStep() {
    Random random = new Random(4);
    double[] values =
        concat(concat(noisy(random, 30, 100), noisy(random, 5, 500)), noisy(random, 25, 100));

    assertThat(stepUp(values)).isEmpty();
  }
}
