package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

  @Test
  void percentilesCountsAndSlowestAreWhatTheSamplesStillHeldGiveAfterDropsAndEvictions() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      int capacity = 1 + random.nextInt(60);
      LatencyWindow window = new LatencyWindow(capacity);
      List<LatencyWindow.Sample> held = new ArrayList<>();
      long newest = Long.MIN_VALUE;
      for (int i = random.nextInt(400); i > 0; i--) {
        // Ends out of order, repeated durations, errors and timeouts: what eviction must handle.
        long end = random.nextInt(1000);
        LatencyWindow.Sample s =
            new LatencyWindow.Sample(
                end,
                random.nextInt(20) / 2.0,
                "t",
                "s" + i,
                random.nextInt(4) == 0,
                random.nextInt(6) == 0,
                Double.NaN);
        window.add(s);
        held.add(s);
        newest = Math.max(newest, end);
        if (held.size() > capacity) {
          held.remove(0);
        }
        if (random.nextInt(10) == 0) {
          long windowNanos = random.nextInt(600);
          long cutoff = newest - windowNanos;
          window.evictOlderThan(windowNanos);
          held.removeIf(h -> h.endEpochNanos() < cutoff);
        }
        double[] expected = held.stream().mapToDouble(LatencyWindow.Sample::ms).sorted().toArray();

        assertThat(window.count()).isEqualTo(held.size());
        assertThat(window.percentilesMs(0.5, 0.95, 0.99, 1.0))
            .containsExactly(
                nearestRank(expected, 0.5),
                nearestRank(expected, 0.95),
                nearestRank(expected, 0.99),
                nearestRank(expected, 1.0));
        assertThat(window.slowest(3))
            .isEqualTo(
                held.stream()
                    .sorted(Comparator.comparingDouble(LatencyWindow.Sample::ms).reversed())
                    .limit(3)
                    .toList());
        assertThat(window.errors())
            .isEqualTo(held.stream().filter(LatencyWindow.Sample::error).count());
        assertThat(window.timeouts())
            .isEqualTo(held.stream().filter(LatencyWindow.Sample::timeout).count());
      }
    }
  }

  @Test
  void meanRowsLatestAndStartAreWhatTheSamplesStillHeldGiveOnceTheRingWraps() {
    Random random = new Random(5);
    for (int round = 0; round < 50; round++) {
      int capacity = 1 + random.nextInt(40);
      LatencyWindow window = new LatencyWindow(capacity);
      List<LatencyWindow.Sample> held = new ArrayList<>();
      long newest = Long.MIN_VALUE;
      for (int i = random.nextInt(300); i > 0; i--) {
        long end = random.nextInt(500);
        LatencyWindow.Sample s =
            new LatencyWindow.Sample(
                end,
                random.nextInt(2000) / 7.0,
                String.format("%032x", random.nextLong() & Long.MAX_VALUE),
                random.nextBoolean() ? String.format("%016x", random.nextLong()) : "span-" + i,
                random.nextInt(3) == 0,
                false,
                random.nextInt(3) == 0 ? Double.NaN : random.nextInt(100));
        window.add(s);
        held.add(s);
        newest = Math.max(newest, end);
        if (held.size() > capacity) {
          held.remove(0);
        }
        if (random.nextInt(8) == 0) {
          long windowNanos = random.nextInt(300);
          long cutoff = newest - windowNanos;
          window.evictOlderThan(windowNanos);
          held.removeIf(h -> h.endEpochNanos() < cutoff);
        }

        // Bit for bit (NaN included, when no sample knows its rows): the same mean as before.
        assertThat(Double.doubleToLongBits(window.meanMs()))
            .isEqualTo(
                Double.doubleToLongBits(
                    held.stream().mapToDouble(LatencyWindow.Sample::ms).average().orElse(0)));
        assertThat(Double.doubleToLongBits(window.rowsPerCall()))
            .isEqualTo(
                Double.doubleToLongBits(
                    held.stream()
                        .mapToDouble(LatencyWindow.Sample::rows)
                        .filter(r -> !Double.isNaN(r))
                        .average()
                        .orElse(Double.NaN)));
        assertThat(window.latestErrors(3)).isEqualTo(window.latest(3, LatencyWindow.Sample::error));
        assertThat(window.latest(3, LatencyWindow.Sample::error))
            .isEqualTo(
                held.stream()
                    .filter(LatencyWindow.Sample::error)
                    .sorted(
                        Comparator.comparingLong(LatencyWindow.Sample::endEpochNanos).reversed())
                    .limit(3)
                    .toList());
        assertThat(window.start())
            .isEqualTo(
                Instant.ofEpochSecond(
                    0,
                    held.stream()
                        .mapToLong(LatencyWindow.Sample::endEpochNanos)
                        .min()
                        .orElse(newest)));
      }
    }
  }

  @Test
  void hexIdsComeBackAsTheyWereSentAndOtherIdsUnchanged() {
    String trace = "0af7651916cd43dd8448eb211c80319c";
    String span = "00f067aa0ba902b7";
    LatencyWindow.Sample hex = new LatencyWindow.Sample(1, 2, trace, span, false, false, 1);
    LatencyWindow.Sample other =
        new LatencyWindow.Sample(1, 2, "0AF7651916CD43DD8448EB211C80319C", "s-1", false, false, 1);

    assertThat(hex.traceId()).isEqualTo(trace);
    assertThat(hex.spanId()).isEqualTo(span);
    assertThat(other.traceId()).isEqualTo("0AF7651916CD43DD8448EB211C80319C");
    assertThat(other.spanId()).isEqualTo("s-1");
    assertThat(hex).isEqualTo(new LatencyWindow.Sample(1, 2, trace, span, false, false, 1));
    assertThat(hex).isNotEqualTo(other);
  }

  private static double nearestRank(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
