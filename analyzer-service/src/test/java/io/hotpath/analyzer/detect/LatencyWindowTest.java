package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {
  static LatencyWindow.Sample sample(long end, double ms) {
    return new LatencyWindow.Sample(end, ms, "t" + end, "s" + end, false, false, Double.NaN);
  }

  @Test
  void theSlowestAreTheSlowestFirstAndOfEquallySlowOnesTheEarlier() {
    LatencyWindow window = new LatencyWindow(100);
    for (double ms : new double[] {5, 9, 1, 9, 7, 9, 2}) {
      window.add(sample(window.count(), ms));
    }

    assertThat(window.slowest(3))
        .extracting(LatencyWindow.Sample::spanId)
        .containsExactly("s1", "s3", "s5");
    assertThat(window.slowest(0)).isEmpty();
    assertThat(new LatencyWindow(10).slowest(3)).isEmpty();
  }

  @Test
  void theSlowestAreWhatSortingTheWholeWindowGives() {
    Random random = new Random(3);
    for (int round = 0; round < 50; round++) {
      LatencyWindow window = new LatencyWindow(2000);
      List<LatencyWindow.Sample> all = new ArrayList<>();
      for (int i = random.nextInt(300); i > 0; i--) {
        LatencyWindow.Sample s = sample(i, random.nextInt(40));
        window.add(s);
        all.add(s);
      }
      int n = 1 + random.nextInt(5);

      assertThat(window.slowest(n))
          .isEqualTo(
              all.stream()
                  .sorted(Comparator.comparingDouble(LatencyWindow.Sample::ms).reversed())
                  .limit(n)
                  .toList());
    }
  }
}
