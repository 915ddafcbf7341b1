package io.hotpath.analyzer.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** How one poll of records is split to be analyzed at the same time. */
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
}
