package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Resource reports end to end: a connection pool that stays full is a DB_POOL_SATURATION. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class ResourcesPipelineTest {

  static ResourcesSampled fullPool(String service, Instant from, int seconds) {
    List<ResourceSample> samples = new ArrayList<>();
    for (int s = 0; s <= seconds; s += 10) {
      samples.add(new ResourceSample(from.plusSeconds(s), 40.0, 300.0, 200.0, 500.0, 10, 10, 6));
    }
    Instant end = from.plusSeconds(seconds);
    return new ResourcesSampled(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1.0.0",
        "pod-1",
        end,
        samples);
  }

  @Test
  void aPoolFullWithWaitingRequestsInResourceReportsBecomesAPoolSaturation() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "demo/" + service;
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);

    for (int i = 0; i < 2; i++) {
      ResourcesSampled report = fullPool(service, start.plusSeconds(i * 130L), 120);
      SpanPipelineTest.kafka()
          .send(Topics.TELEMETRY_REPORTS, key, EventJson.write((TelemetryReport) report));
    }

    List<BottleneckDetected> found =
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    SpanPipelineTest.kafka().readToEnd(Topics.BOTTLENECKS, key).stream()
                        .map(r -> EventJson.read(r.value(), BottleneckDetected.class))
                        .filter(b -> b.type() == BottleneckType.DB_POOL_SATURATION)
                        .toList(),
                list -> !list.isEmpty());
    assertThat(found.get(0).location()).startsWith("db-pool:");
  }
}
