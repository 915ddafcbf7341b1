package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {
  static LatencyWindow.Sample sample(long end, double ms) {
    return new LatencyWindow.Sample(end, ms, "t" + end, "s" + end, false, false, Double.NaN);
  }

  @Test
  void theSlowestAreTheSlowestFirstAndOfEquallySlowOnesTheEarlier() {
    LatencyWindow window = new LatencyWindow();
    for (double ms : new double[] {5, 9, 1, 9, 7, 9, 2}) {
      window.add(sample(window.count(), ms));
    }

    assertThat(window.slowest(3))
        .extracting(LatencyWindow.Sample::spanId)
        .containsExactly("s1", "s3", "s5");
    assertThat(window.slowest(0)).isEmpty();
    assertThat(new LatencyWindow().slowest(3)).isEmpty();
  }

  @Test
  void theSlowestAcrossSlicesAreWhatSortingTheWholeWindowGives() {
    Random random = new Random(3);
    for (int round = 0; round < 50; round++) {
      LatencyWindow window = new LatencyWindow(10);
      List<LatencyWindow.Sample> all = new ArrayList<>();
      for (int i = random.nextInt(300); i > 0; i--) {
        LatencyWindow.Sample s = sample(random.nextInt(100), random.nextInt(40));
        window.add(s);
        all.add(s);
      }
      int n = 1 + random.nextInt(LatencyWindow.EXEMPLARS);

      // Stable: of equally slow ones, the one added first.
      assertThat(window.slowest(n))
          .isEqualTo(
              all.stream()
                  .sorted(Comparator.comparingDouble(LatencyWindow.Sample::ms).reversed())
                  .limit(n)
                  .toList());
    }
  }

  @Test
  void countsSumsExemplarsAndStartAreExactOverTheSlicesStillHeld() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      Model model = new Model(1 + random.nextInt(80));
      LatencyWindow window = model.window;
      List<LatencyWindow.Sample> held = model.held;
      for (int i = random.nextInt(400); i > 0; i--) {
        // Ends out of order, repeated durations, errors and timeouts: what eviction must handle.
        long end = random.nextInt(1000);
        LatencyWindow.Sample s =
            new LatencyWindow.Sample(
                end,
                random.nextInt(2000) / 7.0,
                String.format("%032x", random.nextLong() & Long.MAX_VALUE),
                random.nextBoolean() ? String.format("%016x", random.nextLong()) : "span-" + i,
                random.nextInt(4) == 0,
                random.nextInt(6) == 0,
                random.nextInt(3) == 0 ? Double.NaN : random.nextInt(100));
        model.add(s, random);

        assertThat(window.count()).isEqualTo(held.size());
        assertThat(window.errors())
            .isEqualTo(held.stream().filter(LatencyWindow.Sample::error).count());
        assertThat(window.timeouts())
            .isEqualTo(held.stream().filter(LatencyWindow.Sample::timeout).count());
        assertThat(window.meanMs())
            .isCloseTo(
                held.stream().mapToDouble(LatencyWindow.Sample::ms).average().orElse(0),
                Offset.offset(1e-9));
        double rows =
            held.stream()
                .mapToDouble(LatencyWindow.Sample::rows)
                .filter(r -> !Double.isNaN(r))
                .average()
                .orElse(Double.NaN);
        if (Double.isNaN(rows)) {
          assertThat(window.rowsPerCall()).isNaN();
        } else {
          assertThat(window.rowsPerCall()).isCloseTo(rows, Offset.offset(1e-9));
        }
        assertThat(window.slowest(3))
            .isEqualTo(
                held.stream()
                    .sorted(Comparator.comparingDouble(LatencyWindow.Sample::ms).reversed())
                    .limit(3)
                    .toList());
        assertThat(window.latestErrors(3))
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
                        .orElse(model.newest)));
      }
    }
  }

  @Test
  void percentilesAreWithinTheRelativeAccuracyOfTheDurationsAtTheirRankAndExactAtTheEnds() {
    Random random = new Random(5);
    double accuracy = LatencyWindow.RELATIVE_ACCURACY;
    for (int round = 0; round < 50; round++) {
      Model model = new Model(1 + random.nextInt(80));
      LatencyWindow window = model.window;
      List<LatencyWindow.Sample> held = model.held;
      // Durations over six decades, zero among them.
      for (int i = 1 + random.nextInt(400); i > 0; i--) {
        long end = random.nextInt(1000);
        double ms = random.nextInt(20) == 0 ? 0 : Math.pow(10, random.nextDouble() * 6 - 2);
        LatencyWindow.Sample s = sample(end, ms);
        model.add(s, random);
        double[] sorted = held.stream().mapToDouble(LatencyWindow.Sample::ms).sorted().toArray();
        if (sorted.length == 0) {
          assertThat(window.percentilesMs(0.5, 1.0)).containsExactly(0, 0);
          continue;
        }
        double[] ps = {0.01, 0.5, 0.95, 0.99};
        double[] measured = window.percentilesMs(ps);

        for (int p = 0; p < ps.length; p++) {
          double atRank = sorted[(int) Math.ceil(ps[p] * sorted.length) - 1];
          assertThat(measured[p])
              .as("p%s of %s durations", ps[p], sorted.length)
              .isBetween(atRank * (1 - accuracy), atRank * (1 + accuracy));
        }
        assertThat(window.percentileMs(1.0)).isEqualTo(sorted[sorted.length - 1]);
      }
    }
  }

  @Test
  void aWindowOfEqualDurationsHasThemAsEveryPercentile() {
    LatencyWindow window = new LatencyWindow();
    for (int i = 0; i < 100; i++) {
      window.add(sample(i * 1_000_000_000L, 190));
    }

    assertThat(window.percentilesMs(0.5, 0.95, 0.99)).containsExactly(190, 190, 190);
  }

  @Test
  void everyCallCountsAndTheWindowGrowsWithItsSlicesNotItsCalls() {
    LatencyWindow few = new LatencyWindow();
    LatencyWindow many = new LatencyWindow();
    Random random = new Random(7);
    // Five minutes of one statement: 10 calls a second against 1,000, durations 2-50 ms.
    for (long ms = 0; ms < 300_000; ms += 1) {
      long end = ms * 1_000_000L;
      double duration = 2 + random.nextDouble() * 48;
      many.add(sample(end, duration));
      if (ms % 100 == 0) {
        few.add(sample(end, duration));
      }
    }

    assertThat(many.count()).isEqualTo(300_000);
    assertThat(few.count()).isEqualTo(3_000);
    // One slice more than its calls would take: 30 slices, each with its own sketch pages.
    assertThat(many.bytes()).isLessThan(2 * few.bytes());
    assertThat(many.bytes()).isLessThan(64 * 1024);
    assertThat(many.percentileMs(0.5)).isCloseTo(26, Percentage.withPercentage(3));
  }

  @Test
  void theSizeEstimateFollowsTheSlicesAndExemplarsHeld() {
    LatencyWindow window = new LatencyWindow(10);
    long empty = window.bytes();
    for (int i = 0; i < 5; i++) {
      window.add(hexSample(i, 20));
    }
    long oneSlice = window.bytes();
    for (int i = 0; i < 5; i++) {
      window.add(hexSample(10 + i, 20));
    }
    long twoSlices = window.bytes();
    // The first call also made the bins' totals: 16 counters.
    assertThat(twoSlices - oneSlice).isEqualTo(oneSlice - empty - 16 * 4);

    // A slower call (in a bin the totals reach) with ids kept as text pushes a hex one out of
    // the slice's exemplars.
    window.add(new LatencyWindow.Sample(15, 20.1, "trace-a", "span-b", false, false, Double.NaN));
    assertThat(window.bytes() - twoSlices)
        .isEqualTo((40 + 2 * "trace-a".length()) + (40 + 2 * "span-b".length()));

    // Newest 15, cutoff 10: the first slice (ends 0-4) goes, and its share with it.
    long before = window.bytes();
    window.evictOlderThan(5);
    assertThat(window.count()).isEqualTo(6);
    assertThat(before - window.bytes()).isEqualTo(oneSlice - empty - 16 * 4);
  }

  private static LatencyWindow.Sample hexSample(long end, double ms) {
    return new LatencyWindow.Sample(
        end, ms, "%032x".formatted(end + 1), "%016x".formatted(end + 1), false, false, Double.NaN);
  }

  @Test
  void evictionDropsWholeSlicesWhoseEveryCallIsOlderThanTheCutoff() {
    LatencyWindow window = new LatencyWindow(10);
    window.add(sample(3, 1));
    window.add(sample(9, 2));
    window.add(sample(12, 3));
    window.add(sample(25, 4));

    // Cutoff 25 - 14 = 11: the slice of 0-9 ended before it, the slice of 10-19 did not.
    window.evictOlderThan(14);
    assertThat(window.count()).isEqualTo(2);
    assertThat(window.start()).isEqualTo(Instant.ofEpochSecond(0, 12));

    // Cutoff 13: the slice of 10-19 ended at 12, before it.
    window.evictOlderThan(12);
    assertThat(window.count()).isEqualTo(1);
    assertThat(window.slowest(3)).extracting(LatencyWindow.Sample::ms).containsExactly(4.0);
  }

  @Test
  void moreExemplarsThanASliceKeepsAndDurationsThatAreNotNumbersAreRefused() {
    LatencyWindow window = new LatencyWindow();

    assertThatThrownBy(() -> window.slowest(LatencyWindow.EXEMPLARS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 3 exemplars");
    assertThatThrownBy(() -> sample(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> window.percentilesMs(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 1]");
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

  /** A window beside the calls it should hold. */
  private static final class Model {
    final long sliceNanos;
    final LatencyWindow window;
    final List<LatencyWindow.Sample> held = new ArrayList<>();
    long newest = Long.MIN_VALUE;

    Model(long sliceNanos) {
      this.sliceNanos = sliceNanos;
      this.window = new LatencyWindow(sliceNanos);
    }

    /**
     * Adds a call to both and, one time in ten, evicts from both: the window drops the slices (by
     * end) with no call at or after the cutoff.
     */
    void add(LatencyWindow.Sample s, Random random) {
      window.add(s);
      held.add(s);
      newest = Math.max(newest, s.endEpochNanos());
      if (random.nextInt(10) == 0) {
        long windowNanos = random.nextInt(600);
        window.evictOlderThan(windowNanos);
        long cutoff = newest - windowNanos;
        Set<Long> live =
            held.stream()
                .filter(h -> h.endEpochNanos() >= cutoff)
                .map(h -> h.endEpochNanos() / sliceNanos)
                .collect(Collectors.toSet());
        held.removeIf(h -> !live.contains(h.endEpochNanos() / sliceNanos));
      }
    }
  }
}
