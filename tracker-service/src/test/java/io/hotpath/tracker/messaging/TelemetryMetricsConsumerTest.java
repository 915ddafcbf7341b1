package io.hotpath.tracker.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.json.EventJson;
import io.hotpath.tracker.Telemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which metric records are skipped before they are decoded or parsed. */
class TelemetryMetricsConsumerTest {

  private static byte[] batch(String name) {
    return EventJson.writeBytes(
        Telemetry.metrics(
            "t", "s", "1", "s-1", Telemetry.counter(name, Map.of("result", "hit"), 0, 5)));
  }

  @Test
  void skipsABatchWithoutCacheInItsBytes() {
    assertThat(TelemetryMetricsConsumer.cannotHoldCacheCounter(batch("http.server.requests")))
        .isTrue();
  }

  @Test
  void readsABatchNamingACacheInAnyLetterCase() {
    assertThat(TelemetryMetricsConsumer.cannotHoldCacheCounter(batch("cache.gets"))).isFalse();
    assertThat(TelemetryMetricsConsumer.cannotHoldCacheCounter(batch("Cache_Gets_Total")))
        .isFalse();
    assertThat(TelemetryMetricsConsumer.cannotHoldCacheCounter(batch("app.CACHE.hits"))).isFalse();
  }

  @Test
  void readsWhatAnEscapeCouldHideAndLeavesBadRecordsToTheFullRead() {
    assertThat(
            TelemetryMetricsConsumer.cannotHoldCacheCounter(
                "{\"points\":[{\"name\":\"\\u0063ache.gets\"}]}".getBytes(UTF_8)))
        .isFalse();
    assertThat(TelemetryMetricsConsumer.cannotHoldCacheCounter(null)).isFalse();
    assertThat(TelemetryMetricsConsumer.cannotHoldCacheCounter("cach".getBytes(UTF_8))).isTrue();
  }
}
