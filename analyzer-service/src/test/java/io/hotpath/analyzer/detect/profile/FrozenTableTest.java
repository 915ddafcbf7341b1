package io.hotpath.analyzer.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrozenTableTest {
  static FrameTable randomTable(Random random) {
    FrameTable table = new FrameTable();
    for (int s = 0; s < 300; s++) {
      List<String> stack = new ArrayList<>();
      int depth = 1 + random.nextInt(8);
      for (int d = 0; d < depth; d++) {
        stack.add("f" + random.nextInt(d + 3) + "." + d % 3);
      }
      table.add(stack, 1 + random.nextInt(50));
    }
    return table;
  }

  /** Every frame's sums, in iteration order. */
  static List<String> sums(FrameTable table) {
    List<String> sums = new ArrayList<>();
    sums.add("total " + table.total());
    for (Map.Entry<String, FrameTable.Stat> e : table.frames().entrySet()) {
      FrameTable.Stat stat = e.getValue();
      sums.add(
          e.getKey()
              + " self "
              + stat.self()
              + " total "
              + stat.total()
              + " root "
              + stat.isRoot()
              + " child "
              + stat.dominantChildShare()
              + " stack "
              + stat.hottestStack());
    }
    return sums;
  }

  @Test
  void addingAFrozenTableIsAddingTheTableItWasMadeFrom() {
    Random random = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      List<FrameTable> slices = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        slices.add(randomTable(random).compact(0.005, 2_000, 1 + random.nextInt(8)));
      }
      FrameTable byTables = new FrameTable();
      FrameTable byFrozen = new FrameTable();
      for (FrameTable slice : slices) {
        byTables.addAll(slice);
        slice.freeze().addTo(byFrozen);
      }
      assertThat(sums(byFrozen)).as("merged").isEqualTo(sums(byTables));
      assertThat(sums(slices.get(0).freeze().thaw())).as("thawed").isEqualTo(sums(slices.get(0)));
    }
  }
}
