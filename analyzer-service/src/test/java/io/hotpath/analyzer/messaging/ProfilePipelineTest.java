package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The profiles channel end to end: CPU profiles with one hot function give a CPU_HOTSPOT. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class ProfilePipelineTest {
  static final String HOT = "com.acme.pricing.PriceEngine.recalculate";

  static ProfileCaptured cpuProfile(String service, Instant end) {
    return new ProfileCaptured(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "7.0.1",
        "pod-1",
        end,
        ProfileType.CPU,
        "cpu",
        "samples",
        10_000_000L,
        end.minusSeconds(10),
        end,
        List.of(
            new StackSample(
                List.of("java.lang.Thread.run", "com.acme.web.Handler.handle", HOT), 900),
            new StackSample(
                List.of("java.lang.Thread.run", "com.acme.web.Handler.handle", "com.acme.Io.read"),
                100)));
  }

  @Test
  void aFunctionHoldingMostCpuSamplesBecomesACpuHotspot() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "demo/" + service;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    SpanPipelineTest.kafka()
        .send(
            Topics.TELEMETRY_PROFILES,
            key,
            EventJson.write(cpuProfile(service, now.minusSeconds(20))));
    SpanPipelineTest.kafka()
        .send(
            Topics.TELEMETRY_PROFILES,
            key,
            EventJson.write(cpuProfile(service, now.minusSeconds(10))));

    List<BottleneckDetected> found =
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    SpanPipelineTest.kafka().readToEnd(Topics.BOTTLENECKS, key).stream()
                        .map(r -> EventJson.read(r.value(), BottleneckDetected.class))
                        .filter(b -> b.type() == BottleneckType.CPU_HOTSPOT)
                        .toList(),
                list -> !list.isEmpty());
    assertThat(found.get(0).location()).contains(HOT);
    assertThat(found.get(0).service()).isEqualTo(service);
  }
}
