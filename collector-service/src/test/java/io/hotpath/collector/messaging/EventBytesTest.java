package io.hotpath.collector.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventBytesTest {
  private static final ObjectWriter WRITER = EventJson.mapper().writer();

  @Test
  void writesTheSameBytesAsTheSharedEventMapper() {
    ProfileCaptured profile = profile(400, "café;naïve \"quoted\"\tframe");

    assertThat(EventBytes.write(WRITER, profile)).isEqualTo(EventJson.writeBytes(profile));
  }

  @Test
  void aSmallEventAfterALargeOneHoldsOnlyItsOwnBytes() {
    ProfileCaptured large = profile(5_000, "com.shop.Checkout.handle");
    ProfileCaptured small = profile(1, "main");

    byte[] first = EventBytes.write(WRITER, large);
    byte[] second = EventBytes.write(WRITER, small);

    assertThat(first.length).isGreaterThan(EventBytes.KEPT_BYTES);
    assertThat(second).isEqualTo(EventJson.writeBytes(small));
    assertThat(EventJson.read(second, ProfileCaptured.class)).isEqualTo(small);
  }

  private static ProfileCaptured profile(int stacks, String leaf) {
    List<StackSample> samples = new ArrayList<>();
    for (int i = 0; i < stacks; i++) {
      samples.add(new StackSample(List.of("main", "com.shop.Worker.run" + i, leaf), i + 1));
    }
    Instant start = Instant.parse("2026-11-26T10:00:00Z");
    return new ProfileCaptured(
        UUID.nameUUIDFromBytes(leaf.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        1,
        "demo",
        "checkout",
        "prod",
        "1.0.0",
        "checkout-1",
        start.plusSeconds(10),
        ProfileType.CPU,
        "cpu",
        "samples",
        10_000_000L,
        start,
        start.plusSeconds(10),
        samples);
  }
}
