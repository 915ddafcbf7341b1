package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GONE through the real broker, with the gone period shortened to a second. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
@TestProfile(GonePipelineTest.FastGone.class)
class GonePipelineTest {

  public static class FastGone implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "hotpath.analyzer.noise.gone-after", "1s",
          "hotpath.analyzer.noise.gone-check-interval", "200ms");
    }
  }

  @Test
  void anNPlusOneNoLongerSeenWhileTheServiceSendsTracesIsPublishedGone() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "demo/" + service;
    SpansReceived slow = SpanPipelineTest.nPlusOneTrace(service);
    SpansReceived healthy =
        new SpansReceived(
            UUID.randomUUID(),
            slow.schemaVersion(),
            slow.tenant(),
            service,
            slow.environment(),
            slow.version(),
            slow.instance(),
            slow.eventTime(),
            List.of(slow.spans().get(slow.spans().size() - 1)));

    SpanPipelineTest.kafka().send(Topics.TELEMETRY_TRACES, key, EventJson.write(slow));
    SpanPipelineTest.awaitBottlenecks(service, 1);
    SpanPipelineTest.kafka().send(Topics.TELEMETRY_TRACES, key, EventJson.write(healthy));

    List<BottleneckDetected> found =
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () ->
                    SpanPipelineTest.kafka().readToEnd(Topics.BOTTLENECKS, key).stream()
                        .map(r -> EventJson.read(r.value(), BottleneckDetected.class))
                        .toList(),
                list -> list.size() >= 2);
    assertThat(found)
        .extracting(BottleneckDetected::state)
        .containsExactly(BottleneckState.ACTIVE, BottleneckState.GONE);
    BottleneckDetected gone = found.get(1);
    assertThat(gone.type()).isEqualTo(BottleneckType.N_PLUS_ONE);
    assertThat(gone.fingerprint()).isEqualTo(found.get(0).fingerprint());
    assertThat(gone.eventId()).isNotEqualTo(found.get(0).eventId());
  }
}
