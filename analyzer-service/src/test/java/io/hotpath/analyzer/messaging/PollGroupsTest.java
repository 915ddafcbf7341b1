package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PollGroupsTest {
  static final Instant T0 = Instant.parse("2026-11-28T01:00:00Z");

  static List<KafkaRecord<String, byte[]>> keyed(String... keys) {
    return Stream.of(keys)
        .<KafkaRecord<String, byte[]>>map(key -> KafkaRecord.of(key, new byte[0]))
        .toList();
  }

  /** Shards by the key's first letter: a -> 0, b -> 1, ... */
  static int shardOfKey(String key) {
    return key.charAt(0) - 'a';
  }

  @Test
  void keepsEachKeysRecordsInOneGroupInOffsetOrder() {
    List<List<Integer>> groups =
        PollGroups.of(keyed("a", "b", "a", "c", "b", "a"), 8, PollGroupsTest::shardOfKey);

    assertThat(groups).containsExactly(List.of(0, 2, 5), List.of(1, 4), List.of(3));
  }

  @Test
  void putsTheKeysOfOneShardInOneGroupAndNoMoreGroupsThanGiven() {
    List<List<Integer>> groups =
        PollGroups.of(
            keyed("a", "b", "c", "d", "e", "a2", "e", "c2"), 2, PollGroupsTest::shardOfKey);

    // Shards 0, 2 and 4 (a, c, e) in the first group, 1 and 3 (b, d) in the second.
    assertThat(groups).containsExactly(List.of(0, 2, 4, 5, 6, 7), List.of(1, 3));
  }

  @Test
  void anEmptyPollHasNoGroups() {
    assertThat(PollGroups.of(keyed(), 8, PollGroupsTest::shardOfKey)).isEmpty();
  }
}
