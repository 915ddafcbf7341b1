package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMapTest {
  /** A value of a given size. */
  static final class Sized extends BoundedMap.Weighed {
    long bytes;

    Sized(long bytes) {
      this.bytes = bytes;
    }

    @Override
    protected long bytes() {
      return bytes;
    }
  }

  @Test
  void forgetsTheLeastRecentlyUsedServicesWhileOverTheBudget() {
    List<String> evicted = new ArrayList<>();
    StateBudget budget = new StateBudget(300, evicted::add);
    BoundedMap.Budgeted<String, Sized> map = BoundedMap.weighed(100, budget, "cpuHotspot");
    for (String service : List.of("a", "b", "c")) {
      map.put(service, new Sized(100));
      map.charge(service);
    }
    map.get("a"); // a is now more recent than b
    map.put("d", new Sized(150));
    map.charge("d");

    assertThat(map.keySet()).containsExactly("a", "d"); // b, then c, the least recent, forgotten
    assertThat(evicted).containsExactly("cpuHotspot", "cpuHotspot");
    assertThat(budget.usedBytes()).isEqualTo(250);
  }

  @Test
  void chargesWhatAValueGrewAndNeverForgetsTheOneBeingCharged() {
    List<String> evicted = new ArrayList<>();
    StateBudget budget = new StateBudget(300, evicted::add);
    BoundedMap.Budgeted<String, Sized> map = BoundedMap.weighed(100, budget, "memoryLeak");
    map.put("a", new Sized(100));
    map.charge("a");
    map.put("b", new Sized(100));
    map.charge("b");

    map.get("b").bytes = 500;
    map.charge("b");

    assertThat(map.keySet()).containsExactly("b");
    assertThat(evicted).containsExactly("memoryLeak");
    assertThat(budget.usedBytes()).isEqualTo(500);
  }

  @Test
  void releasesWhatAnEntryForgottenForTheCountHeld() {
    StateBudget budget = new StateBudget(10_000, detector -> {});
    BoundedMap.Budgeted<String, Sized> map = BoundedMap.weighed(2, budget, "cacheMissRate");
    for (String service : List.of("a", "b", "c")) {
      map.put(service, new Sized(100));
      map.charge(service);
    }
    assertThat(map.keySet()).containsExactly("b", "c");
    assertThat(budget.usedBytes()).isEqualTo(200);

    map.remove("b");
    assertThat(budget.usedBytes()).isEqualTo(100);
  }
}
