package io.hotpath.contracts.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.CacheCounters.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheCountersTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

  private static MetricPoint sum(String name, Map<String, String> attributes) {
    return new MetricPoint(name, MetricKind.SUM, "1", attributes, T, 5.0, null);
  }

  @Test
  void readsMicrometerGetsByTheirResult() {
    assertThat(CacheCounters.role(sum("cache.gets", Map.of("result", "hit")))).isEqualTo(Role.HIT);
    assertThat(CacheCounters.role(sum("cache.gets", Map.of("result", " Miss "))))
        .isEqualTo(Role.MISS);
    assertThat(CacheCounters.role(sum("cache.gets", Map.of()))).isEqualTo(Role.TOTAL);
    assertThat(CacheCounters.role(sum("cache.gets", Map.of("result", "evicted")))).isNull();
  }

  @Test
  void readsPrometheusSpellingsAndSeparateHitAndMissCounters() {
    assertThat(CacheCounters.role(sum("cache_gets_total", Map.of("result", "hit"))))
        .isEqualTo(Role.HIT);
    assertThat(CacheCounters.role(sum("cache_requests_total", Map.of()))).isEqualTo(Role.TOTAL);
    assertThat(CacheCounters.role(sum("cache.hits", Map.of()))).isEqualTo(Role.HIT);
    assertThat(CacheCounters.role(sum("CACHE_MISSES_TOTAL", Map.of()))).isEqualTo(Role.MISS);
  }

  @Test
  void ignoresWhatIsNoCacheCounter() {
    assertThat(CacheCounters.role(sum("http.server.requests", Map.of("result", "hit")))).isNull();
    assertThat(CacheCounters.role(sum("cache.size", Map.of("cache", "products")))).isNull();
    assertThat(
            CacheCounters.counted(
                new MetricPoint(
                    "cache.gets",
                    MetricKind.HISTOGRAM,
                    "1",
                    Map.of("result", "hit"),
                    T,
                    null,
                    new Histogram(1, 1.0, List.of(1.0), List.of(1L, 0L)))))
        .isNull();
    assertThat(
            CacheCounters.counted(
                new MetricPoint("cache.gets", MetricKind.SUM, "1", Map.of(), T, Double.NaN, null)))
        .isNull();
    assertThat(CacheCounters.counted(sum("cache.gets", Map.of()))).isEqualTo(Role.TOTAL);
  }

  @Test
  void namesTheCacheByTheFirstNamingAttributeAndItsLocation() {
    assertThat(CacheCounters.cacheName(Map.of("cache", " products ", "name", "x")))
        .isEqualTo("products");
    assertThat(CacheCounters.cacheName(Map.of("cache.name", "users"))).isEqualTo("users");
    assertThat(CacheCounters.cacheName(Map.of("cache_name", "carts"))).isEqualTo("carts");
    assertThat(CacheCounters.cacheName(Map.of("name", "sessions", "cache", " ")))
        .isEqualTo("sessions");
    assertThat(CacheCounters.cacheName(Map.of())).isEqualTo("default");
    assertThat(CacheCounters.location("products")).isEqualTo("cache:products");
  }

  @Test
  void aRunningTotalCountsItsIncreaseAndAfterAResetTheNewTotal() {
    assertThat(CacheCounters.increase(100, 130)).isEqualTo(30);
    assertThat(CacheCounters.increase(130, 130)).isZero();
    assertThat(CacheCounters.increase(130, 12)).isEqualTo(12);
    assertThat(CacheCounters.increase(130, -3)).isZero();
  }
}
