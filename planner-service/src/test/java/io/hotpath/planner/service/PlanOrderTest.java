package io.hotpath.planner.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.planner.Bottlenecks;
import org.junit.jupiter.api.Test;

class PlanOrderTest {
  private final PlanOrder order = new PlanOrder();

  @Test
  void ranksMoreSevereFirst() {
    BottleneckDetected high = Bottlenecks.slowStartup("acme", "checkout", 2300);
    BottleneckDetected medium = Bottlenecks.lockContention("acme", "checkout");

    assertThat(order.place(medium)).isEqualTo(1);
    assertThat(order.place(high)).isEqualTo(1);
    assertThat(order.place(medium)).isEqualTo(2);
  }

  @Test
  void ranksLargerImpactFirstWithinASeverity() {
    BottleneckDetected small = Bottlenecks.slowStartup("acme", "checkout", 1500);
    BottleneckDetected large = Bottlenecks.slowStartup("acme", "checkout", 4000);
    // Another location, so another fingerprint.
    BottleneckDetected largeElsewhere =
        withFingerprint(large, large.fingerprint().replace('0', '1') + "x");

    assertThat(order.place(small)).isEqualTo(1);
    assertThat(order.place(largeElsewhere)).isEqualTo(1);
    assertThat(order.place(small)).isEqualTo(2);
  }

  @Test
  void keepsEachServiceOnItsOwnOrder() {
    assertThat(order.place(Bottlenecks.lockContention("acme", "checkout"))).isEqualTo(1);
    assertThat(order.place(Bottlenecks.lockContention("acme", "payments"))).isEqualTo(1);
  }

  @Test
  void forgetsABottleneckReportedGone() {
    BottleneckDetected high = Bottlenecks.slowStartup("acme", "checkout", 2300);
    BottleneckDetected medium = Bottlenecks.lockContention("acme", "checkout");
    order.place(high);
    assertThat(order.place(medium)).isEqualTo(2);

    order.remove(high);

    assertThat(order.place(medium)).isEqualTo(1);
  }

  private static BottleneckDetected withFingerprint(BottleneckDetected b, String fingerprint) {
    return new BottleneckDetected(
        b.eventId(),
        b.schemaVersion(),
        b.tenant(),
        b.service(),
        b.environment(),
        b.version(),
        b.instance(),
        b.eventTime(),
        fingerprint,
        b.type(),
        b.severity(),
        b.location(),
        b.impact(),
        b.evidence(),
        b.firstSeen(),
        b.lastSeen(),
        b.occurrences(),
        b.state());
  }
}
