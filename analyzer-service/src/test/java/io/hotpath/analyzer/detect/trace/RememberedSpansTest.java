package io.hotpath.analyzer.detect.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RememberedSpansTest {
  /** The spans' ids, as SiblingCollector parses them from hex. */
  record Ids(long trace0, long trace1, long span) {}

  record Named(String name, long end) {}

  @Test
  void findsARememberedSpanByItsThreeIdsOnly() {
    RememberedSpans spans = new RememberedSpans(100);
    spans.remember(1, 2, 3, "GET /orders", 10);

    assertThat(spans.name(1, 2, 3)).isEqualTo("GET /orders");
    assertThat(spans.name(1, 2, 4)).isNull();
    assertThat(spans.name(2, 1, 3)).isNull();
    assertThat(spans.name(1, 3, 3)).isNull();
  }

  @Test
  void aSpanRememberedAgainKeepsItsPlaceAndTakesTheNewName() {
    RememberedSpans spans = new RememberedSpans(2);
    spans.remember(0, 0, 1, "first", 10);
    spans.remember(0, 0, 2, "second", 20);
    spans.remember(0, 0, 1, "first again", 30);

    assertThat(spans.namesInOrder()).containsExactly("first again", "second");
    // Past the bound the oldest in the order goes: span 1, although it came again last.
    spans.remember(0, 0, 3, "third", 40);
    assertThat(spans.name(0, 0, 1)).isNull();
    assertThat(spans.namesInOrder()).containsExactly("second", "third");
  }

  @Test
  void forgetsFromTheOldestWhileTheyEndedBeforeTheCutoff() {
    RememberedSpans spans = new RememberedSpans(100);
    spans.remember(0, 0, 1, "a", 10);
    spans.remember(0, 0, 2, "b", 50);
    spans.remember(0, 0, 3, "c", 20);

    spans.forgetEndedBefore(30);

    // c ended before the cutoff too, but it came after b, which is kept: the head stops there.
    assertThat(spans.namesInOrder()).containsExactly("b", "c");
    assertThat(spans.name(0, 0, 1)).isNull();
    assertThat(spans.name(0, 0, 3)).isEqualTo("c");
  }

  @Test
  void shrinksWhenMostOfItsSpansAreForgotten() {
    RememberedSpans spans = new RememberedSpans(20_000);
    long empty = spans.bytes();
    for (int i = 0; i < 10_000; i++) {
      spans.remember(i, i, i, "GET /x", i);
    }
    long full = spans.bytes();
    assertThat(full).isGreaterThan(10_000L * 44);

    spans.forgetEndedBefore(9_990);

    assertThat(spans.size()).isEqualTo(10);
    assertThat(spans.bytes()).isLessThan(full / 100).isGreaterThanOrEqualTo(empty);
    for (int i = 9_990; i < 10_000; i++) {
      assertThat(spans.name(i, i, i)).isEqualTo("GET /x");
    }
  }

  /**
   * Random remembering, forgetting and looking up, with ids drawn from a small set so that spans
   * come again and their cells collide, against an insertion-ordered map doing the same.
   */
  @Test
  void behavesAsAnInsertionOrderedMapWithTheSameBounds() {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      int max = 1 + random.nextInt(300);
      RememberedSpans spans = new RememberedSpans(max);
      LinkedHashMap<Ids, Named> model = new LinkedHashMap<>();
      List<Ids> universe = new ArrayList<>();
      for (int i = 0; i < 2 * max + 5; i++) {
        universe.add(new Ids(random.nextInt(4), random.nextLong(), random.nextInt(64)));
      }
      long clock = 0;
      for (int step = 0; step < 5_000; step++) {
        int action = random.nextInt(10);
        if (action < 6) {
          Ids ids = universe.get(random.nextInt(universe.size()));
          clock += random.nextInt(3);
          String name = "s" + random.nextInt(1_000);
          long end = clock - random.nextInt(5);
          spans.remember(ids.trace0(), ids.trace1(), ids.span(), name, end);
          Named before = model.get(ids);
          model.put(ids, new Named(name, end));
          if (before == null && model.size() > max) {
            Iterator<Named> oldest = model.values().iterator();
            oldest.next();
            oldest.remove();
          }
        } else if (action < 7) {
          long cutoff = clock - random.nextInt(50);
          spans.forgetEndedBefore(cutoff);
          Iterator<Named> oldest = model.values().iterator();
          while (oldest.hasNext() && oldest.next().end() < cutoff) {
            oldest.remove();
          }
        } else {
          Ids ids = universe.get(random.nextInt(universe.size()));
          Named expected = model.get(ids);
          assertThat(spans.name(ids.trace0(), ids.trace1(), ids.span()))
              .as("round %d step %d", round, step)
              .isEqualTo(expected == null ? null : expected.name());
        }
        assertThat(spans.size()).isEqualTo(model.size());
      }
      List<String> expectedOrder = new ArrayList<>();
      for (Map.Entry<Ids, Named> e : model.entrySet()) {
        expectedOrder.add(e.getValue().name());
      }
      assertThat(spans.namesInOrder()).containsExactlyElementsOf(expectedOrder);
    }
  }
}
