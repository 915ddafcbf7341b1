package io.hotpath.planner.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.planner.Bottlenecks;
import io.hotpath.planner.TestConfig;
import io.hotpath.planner.coverage.CoverageReport;
import io.hotpath.planner.playbook.Catalogs;
import io.hotpath.planner.service.PlannerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A restarted planner holds the same order and coverage, rebuilt from the bottlenecks topic. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class, restrictToAnnotatedClass = false)
class StateRebuildTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Catalogs catalogs;
  @Inject PlannerService running;

  @Test
  void rebuildsTheOrderAndCoverageFromWhatItHadConsumed() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    BottleneckDetected nPlusOne =
        Bottlenecks.again(Bottlenecks.nPlusOne("demo", service, 10, 12), Severity.CRITICAL, 120);
    BottleneckDetected startup = Bottlenecks.slowStartup("demo", service, 2300);
    BottleneckDetected gap = Bottlenecks.unmeasuredNPlusOne("demo", service);
    TopicClient kafka = TopicClient.shared(bootstrap);
    for (BottleneckDetected b : new BottleneckDetected[] {nPlusOne, startup, gap}) {
      kafka.send(Topics.BOTTLENECKS, PartitionKeys.of(b), EventJson.write(b));
    }
    // Handled and committed by the running planner: what a restart would find.
    Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () ->
                running.coverage("demo", service).map(c -> c.bottlenecks().size()).orElse(0) == 3
                    && kafka.lag("hotpath-planner", Topics.BOTTLENECKS) == 0);

    PlannerService restarted =
        new PlannerService(catalogs, new SimpleMeterRegistry(), new TestConfig());
    int restored =
        new StateRebuilder(
                catalogs,
                restarted,
                new TestConfig(),
                bootstrap,
                Topics.BOTTLENECKS,
                "hotpath-planner")
            .rebuild(TIMEOUT);

    assertThat(restored).isGreaterThanOrEqualTo(3);
    assertThat(restarted.servicePlan("demo", service).orElseThrow().plans())
        .extracting(PlanProposed::planId, PlanProposed::rank, PlanProposed::dependsOn)
        .containsExactlyElementsOf(
            running.servicePlan("demo", service).orElseThrow().plans().stream()
                .map(p -> org.assertj.core.groups.Tuple.tuple(p.planId(), p.rank(), p.dependsOn()))
                .toList());
    CoverageReport coverage = restarted.coverage("demo", service).orElseThrow();
    assertThat(coverage).isEqualTo(running.coverage("demo", service).orElseThrow());
    assertThat(coverage.gaps()).isEqualTo(1);
  }
}
