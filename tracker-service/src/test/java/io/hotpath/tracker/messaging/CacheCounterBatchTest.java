package io.hotpath.tracker.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.baseline.TelemetryTotals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A metric batch read for its header and cache counters only. */
class CacheCounterBatchTest {
  private static final MetricPoint HITS =
      Telemetry.counter("cache.gets", Map.of("cache", "products", "result", "hit"), 1, 700);
  private static final MetricPoint MISSES =
      Telemetry.counter("cache_gets_total", Map.of("cache", "products", "result", "miss"), 1, 300);
  private static final MetricPoint ROUTE =
      new MetricPoint(
          "http.server.request.duration",
          MetricKind.HISTOGRAM,
          "s",
          Map.of("http.route", "/orders/{id}"),
          Telemetry.T,
          null,
          new Histogram(10, 1.5, List.of(0.1, 0.5), List.of(5L, 3L, 2L)));
  private static final MetricPoint HEAP =
      new MetricPoint(
          "jvm.memory.used", MetricKind.GAUGE, "By", Map.of(), Telemetry.T, 1.0e8, null);

  @Test
  void keepsTheHeaderAndOnlyTheCacheCounters() {
    MetricsReceived whole = Telemetry.metrics("t", "s", "1.2.0", "s-1", ROUTE, HITS, HEAP, MISSES);

    MetricsReceived read = CacheCounterBatch.read(EventJson.writeBytes(whole));

    assertThat(read.points()).containsExactly(HITS, MISSES);
    assertThat(read).usingRecursiveComparison().ignoringFields("points").isEqualTo(whole);
  }

  @Test
  void countsWhatTheWholeBatchCounts() {
    MetricsReceived whole = Telemetry.metrics("t", "s", "1.2.0", "s-1", ROUTE, HITS, HEAP, MISSES);
    TelemetryTotals fromWhole = TelemetryTotals.empty();
    TelemetryTotals fromRead = TelemetryTotals.empty();

    fromWhole.add(EventJson.read(EventJson.writeBytes(whole), MetricsReceived.class));
    fromRead.add(CacheCounterBatch.read(EventJson.writeBytes(whole)));

    assertThat(fromRead.toJson()).isEqualTo(fromWhole.toJson()).contains("products");
  }

  @Test
  void refusesABatchWithoutAnEventIdAsTheWholeReadDoes() {
    String json = EventJson.write(Telemetry.metrics("t", "s", "1", "s-1", HITS));
    byte[] noId = json.replaceFirst("\"eventId\":\"[^\"]+\",", "").getBytes(UTF_8);

    assertThatThrownBy(() -> CacheCounterBatch.read(noId))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("MetricsReceived: ")
        .hasMessageContaining("eventId");
  }

  @Test
  void refusesACounterWithoutATimeSayingWhichPoint() {
    String json = EventJson.write(Telemetry.metrics("t", "s", "1", "s-1", ROUTE, HITS));
    // The counter's time goes (the histogram before it keeps its own, unread).
    int at = json.lastIndexOf("\"time\":\"");
    int close = json.indexOf('"', at + "\"time\":\"".length());
    byte[] noTime = (json.substring(0, at) + json.substring(close + 2)).getBytes(UTF_8);

    assertThatThrownBy(() -> CacheCounterBatch.read(noTime))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("MetricsReceived: time is required (at /points/1)")
        .extracting(e -> ((InvalidEventException) e).pointer())
        .isEqualTo("/points/1");
  }

  @Test
  void refusesPointsThatAreNoListSayingWhere() {
    String json = EventJson.write(Telemetry.metrics("t", "s", "1", "s-1", HITS));
    byte[] notAList = json.replaceFirst("\"points\":\\[.*\\]", "\"points\":5").getBytes(UTF_8);

    assertThatThrownBy(() -> CacheCounterBatch.read(notAList))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("MetricsReceived: ")
        .hasMessageEndingWith(" (at /points)")
        .extracting(e -> ((InvalidEventException) e).pointer())
        .isEqualTo("/points");
  }

  @Test
  void refusesWhatIsNoJsonNamingTheEvent() {
    assertThatThrownBy(() -> CacheCounterBatch.read("{\"points\": [".getBytes(UTF_8)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("MetricsReceived: ");
  }
}
