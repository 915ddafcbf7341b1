package io.hotpath.planner.service;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The implementation order of each service's plans: most severe first, then largest impact. A
 * plan's rank is its 1-based position among the plans the planner holds for that service.
 *
 * <p>Held in memory for now: after a restart the order is rebuilt only as bottlenecks arrive again,
 * and plans already proposed are not re-ranked when a new one overtakes them. Re-ranking events and
 * rebuilding from Kafka belong to the ordering issue.
 */
public class PlanOrder {
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::severity)
          .thenComparing(Comparator.comparingDouble(Entry::impact).reversed())
          .thenComparing(Entry::fingerprint);

  private final Map<String, Map<String, Entry>> byService = new HashMap<>();

  /** Records the bottleneck's latest severity and impact and returns its 1-based rank. */
  public synchronized int place(BottleneckDetected bottleneck) {
    Entry entry =
        new Entry(bottleneck.fingerprint(), bottleneck.severity(), bottleneck.impact().value());
    Map<String, Entry> plans =
        byService.computeIfAbsent(PartitionKeys.of(bottleneck), key -> new HashMap<>());
    plans.put(entry.fingerprint(), entry);
    int rank = 1;
    for (Entry other : plans.values()) {
      if (ORDER.compare(other, entry) < 0) {
        rank++;
      }
    }
    return rank;
  }

  /** Forgets a bottleneck that no longer needs a plan (the analyzer reported it gone). */
  public synchronized void remove(BottleneckDetected bottleneck) {
    Map<String, Entry> plans = byService.get(PartitionKeys.of(bottleneck));
    if (plans != null) {
      plans.remove(bottleneck.fingerprint());
      if (plans.isEmpty()) {
        byService.remove(PartitionKeys.of(bottleneck));
      }
    }
  }

  private record Entry(String fingerprint, Severity severity, double impact) {}
}
