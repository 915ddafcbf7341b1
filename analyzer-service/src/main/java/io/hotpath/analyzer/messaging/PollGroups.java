package io.hotpath.analyzer.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/** How one poll of records is split for analysis, and what of it is published. */
final class PollGroups {
  private PollGroups() {}

  /**
   * The poll's record positions in at most {@code max} groups: all records of one key in the same
   * group, in offset order. A key's group is its shard ({@code shardOfKey}) modulo the number of
   * groups, so that with as many groups as shards, groups analyzed at the same time never wait for
   * each other's detectors.
   */
  static List<List<Integer>> of(
      List<? extends KafkaRecord<String, ?>> records, int max, ToIntFunction<String> shardOfKey) {
    int count = Math.min(Math.max(1, max), records.size());
    List<List<Integer>> groups = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < records.size(); i++) {
      int group = Math.floorMod(shardOfKey.applyAsInt(records.get(i).getKey()), count);
      groups.get(group).add(i);
    }
    groups.removeIf(List::isEmpty);
    return groups;
  }

  /**
   * The outcomes with each fingerprint published only by the last record of the poll that admitted
   * it. The noise gate learns of a publication only once Kafka acknowledged it, so two records of a
   * service in one poll can both admit a new bottleneck; the later one says the same, newer.
   */
  static Outcome[] latestOnly(Outcome[] outcomes) {
    Outcome[] kept = outcomes.clone();
    Set<String> later = new HashSet<>();
    for (int i = kept.length - 1; i >= 0; i--) {
      Outcome outcome = kept[i];
      if (outcome == null || outcome.bottlenecks() == null || outcome.bottlenecks().isEmpty()) {
        continue;
      }
      List<BottleneckDetected> only = new ArrayList<>(outcome.bottlenecks().size());
      for (BottleneckDetected bottleneck : outcome.bottlenecks()) {
        if (later.add(bottleneck.fingerprint())) {
          only.add(bottleneck);
        }
      }
      if (only.size() < outcome.bottlenecks().size()) {
        kept[i] = outcome.publishing(only);
      }
    }
    return kept;
  }
}
