package io.hotpath.analyzer.detect.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PointsTest {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** What a series must equal: a sorted map of at most {@code max} points, oldest dropped. */
  static final class Reference {
    final int max;
    final TreeMap<Instant, Double> values = new TreeMap<>();

    Reference(int max) {
      this.max = max;
    }

    void put(Instant time, double value, boolean min) {
      if (min) {
        values.merge(time, value, Math::min);
      } else {
        values.put(time, value);
      }
      while (values.size() > max) {
        values.pollFirstEntry();
      }
    }

    List<Points.Point> since(Instant from) {
      List<Points.Point> points = new ArrayList<>();
      for (Map.Entry<Instant, Double> e : values.tailMap(from, true).entrySet()) {
        points.add(new Points.Point(e.getKey(), e.getValue()));
      }
      return points;
    }
  }

  @Test
  void keepsWhatASortedMapOfTheNewestPointsKeeps() {
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int max = 1 + random.nextInt(40);
      Points points = new Points(max);
      Reference reference = new Reference(max);
      long clock = 0;
      for (int i = 0; i < 300; i++) {
        // Mostly in order, some late, some repeated, some a few nanoseconds apart.
        int step = random.nextInt(10);
        long at = step < 6 ? (clock += 1 + random.nextInt(3)) : clock - random.nextInt(20);
        Instant time = T0.plusSeconds(at).plusNanos(random.nextInt(3));
        double value = random.nextInt(100);
        boolean min = random.nextBoolean();
        if (min) {
          points.putMin(time, value);
        } else {
          points.put(time, value);
        }
        reference.put(time, value, min);
        if (random.nextInt(25) == 0) {
          Instant cutoff = T0.plusSeconds(clock - random.nextInt(30));
          points.forgetBefore(cutoff);
          reference.values.headMap(cutoff, false).clear();
        }
        assertThat(points.all()).isEqualTo(reference.since(Instant.MIN));
        if (!reference.values.isEmpty()) {
          Instant from = T0.plusSeconds(clock - random.nextInt(10));
          assertThat(points.since(from)).isEqualTo(reference.since(from));
          assertThat(points.indexOf(from)).isEqualTo(reference.values.headMap(from, false).size());
          assertThat(points.last()).isEqualTo(reference.values.lastKey());
        }
      }
    }
  }
}
