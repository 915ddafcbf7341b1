package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  @Test
  void aFingerprintAdmittedByTwoRecordsOfAPollIsPublishedByTheLaterOnly() {
    BottleneckDetected firstSlow = bottleneck("fp-slow", 1);
    BottleneckDetected firstLeak = bottleneck("fp-leak", 1);
    BottleneckDetected laterSlow = bottleneck("fp-slow", 2);
    Outcome first = Outcome.analyzed(spans(), List.of(firstSlow, firstLeak));
    Outcome repeat = Outcome.repeat(spans());
    Outcome later = Outcome.analyzed(spans(), List.of(laterSlow));
    Outcome failed = Outcome.failed(new IllegalArgumentException("not JSON"));

    Outcome[] kept = PollGroups.latestOnly(new Outcome[] {first, repeat, later, failed});

    assertThat(kept[0].bottlenecks()).containsExactly(firstLeak);
    assertThat(kept[0].event()).isSameAs(first.event());
    assertThat(kept[1]).isSameAs(repeat);
    assertThat(kept[2]).isSameAs(later);
    assertThat(kept[3]).isSameAs(failed);
  }

  static SpansReceived spans() {
    return new SpansReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1",
        null,
        T0,
        List.of());
  }

  static BottleneckDetected bottleneck(String fingerprint, long occurrences) {
    return new BottleneckDetected(
        EventIds.derived(UUID.randomUUID(), fingerprint),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1",
        null,
        T0,
        fingerprint,
        BottleneckType.SLOW_QUERY,
        Severity.HIGH,
        "query:abc",
        new Impact(120, "ms", "p95"),
        new Evidence("d", Map.of(), null, null, List.of(), List.of(), List.of(), List.of()),
        T0,
        T0,
        occurrences,
        BottleneckState.ACTIVE);
  }
}
