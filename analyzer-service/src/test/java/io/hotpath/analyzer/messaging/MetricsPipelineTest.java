package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The metrics channel end to end: a cache that misses half the time is a CACHE_MISS_RATE. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class MetricsPipelineTest {

  static MetricsReceived cacheCounters(String service, Instant at, double hits, double misses) {
    Map<String, String> cache = Map.of("cache", "prices");
    return new MetricsReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1.0.0",
        "pod-1",
        at,
        List.of(
            new MetricPoint("cache.hits", MetricKind.SUM, "1", cache, at, hits, null),
            new MetricPoint("cache.misses", MetricKind.SUM, "1", cache, at, misses, null)));
  }

  @Test
  void aCacheMissingHalfItsRequestsBecomesACacheMissRate() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "demo/" + service;
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

    for (int i = 0; i <= 3; i++) {
      MetricsReceived batch =
          cacheCounters(service, start.plusSeconds(30L * i), 500.0 * i, 500.0 * i);
      SpanPipelineTest.kafka().send(Topics.TELEMETRY_METRICS, key, EventJson.write(batch));
    }

    List<BottleneckDetected> found =
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    SpanPipelineTest.kafka().readToEnd(Topics.BOTTLENECKS, key).stream()
                        .map(r -> EventJson.read(r.value(), BottleneckDetected.class))
                        .filter(b -> b.type() == BottleneckType.CACHE_MISS_RATE)
                        .toList(),
                list -> !list.isEmpty());
    assertThat(found.get(0).location()).isEqualTo("cache:prices");
  }
}
