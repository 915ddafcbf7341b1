package io.hotpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.bottleneck.BottleneckType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityTest {

  @Test
  void partitionKeyIsTenantSlashService() {
    assertThat(PartitionKeys.of("acme", "checkout")).isEqualTo("acme/checkout");
    assertThat(PartitionKeys.of(SampleEvents.all().get(0))).isEqualTo("acme/checkout");
  }

  @Test
  void partitionKeyNeedsBothParts() {
    assertThatThrownBy(() -> PartitionKeys.of("acme", " ")).hasMessage("service is required");
  }

  @Test
  void fingerprintIsStableForTheSameProblem() {
    String a = Fingerprints.bottleneck("acme", "checkout", BottleneckType.SLOW_QUERY, "q:1");
    String b = Fingerprints.bottleneck("acme", "checkout", BottleneckType.SLOW_QUERY, "q:1");

    assertThat(a).isEqualTo(b).hasSize(32).matches("[0-9a-f]+");
  }

  @Test
  void fingerprintDiffersWhenAnyPartDiffers() {
    String base = Fingerprints.bottleneck("acme", "checkout", BottleneckType.SLOW_QUERY, "q:1");

    assertThat(Fingerprints.bottleneck("other", "checkout", BottleneckType.SLOW_QUERY, "q:1"))
        .isNotEqualTo(base);
    assertThat(Fingerprints.bottleneck("acme", "cart", BottleneckType.SLOW_QUERY, "q:1"))
        .isNotEqualTo(base);
    assertThat(Fingerprints.bottleneck("acme", "checkout", BottleneckType.N_PLUS_ONE, "q:1"))
        .isNotEqualTo(base);
    assertThat(Fingerprints.bottleneck("acme", "checkout", BottleneckType.SLOW_QUERY, "q:2"))
        .isNotEqualTo(base);
    // The separator keeps "a/bc" and "ab/c" apart.
    assertThat(Fingerprints.bottleneck("ac", "mecheckout", BottleneckType.SLOW_QUERY, "q:1"))
        .isNotEqualTo(base);
  }

  @Test
  void derivedEventIdsRepeatForTheSameSourceAndDifferOtherwise() {
    UUID source = UUID.randomUUID();

    assertThat(EventIds.derived(source, "phase-a")).isEqualTo(EventIds.derived(source, "phase-a"));
    assertThat(EventIds.derived(source, "phase-a"))
        .isNotEqualTo(EventIds.derived(source, "phase-b"));
    assertThat(EventIds.derived(source, "x"))
        .isNotEqualTo(EventIds.derived(UUID.randomUUID(), "x"));
  }

  @Test
  void deadLetterTopicAppendsDlq() {
    assertThat(Topics.deadLetter(Topics.BOTTLENECKS)).isEqualTo("hotpath.bottlenecks.v1.dlq");
  }
}
