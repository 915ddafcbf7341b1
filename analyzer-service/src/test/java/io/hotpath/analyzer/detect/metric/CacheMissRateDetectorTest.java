package io.hotpath.analyzer.detect.metric;

import static io.hotpath.analyzer.detect.metric.Metrics.DEFAULTS;
import static io.hotpath.analyzer.detect.metric.Metrics.T0;
import static io.hotpath.analyzer.detect.metric.Metrics.metrics;
import static io.hotpath.analyzer.detect.metric.Metrics.sum;
import static io.hotpath.analyzer.detect.metric.Metrics.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheMissRateDetectorTest {
  final CacheMissRateDetector detector = new CacheMissRateDetector(100, 100, 720, Metrics.CLOCK);

  private List<Finding> gets(Instant at, String cache, double hits, double misses) {
    return detector.observe(
        metrics(
            sum("cache.gets", at, hits, Map.of("cache", cache, "result", "hit")),
            sum("cache.gets", at, misses, Map.of("cache", cache, "result", "miss"))),
        DEFAULTS);
  }

  @Test
  void reportsCumulativeCountersWhoseHitRateFellUnderNinetyPercent() {
    gets(T0, "products", 10_000, 1_000);

    List<Finding> findings = gets(T0.plusSeconds(60), "products", 10_700, 1_300);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.type()).isEqualTo(BottleneckType.CACHE_MISS_RATE);
    assertThat(finding.location()).isEqualTo("cache:products");
    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(finding.impact().value()).isEqualTo(30.0);
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.HIT_RATE, 0.7)
        .containsEntry(EvidenceKeys.REQUESTS, 1000.0)
        .containsEntry(EvidenceKeys.THRESHOLD, 0.9);
  }

  @Test
  void lifetimeTotalsBeforeTheWindowDoNotCount() {
    // 50 % over its lifetime, but 95 % since the last export.
    gets(T0, "products", 1_000, 1_000);

    assertThat(gets(T0.plusSeconds(60), "products", 1_950, 1_050)).isEmpty();
  }

  @Test
  void readsDeltaCounters() {
    gets(T0, "products", 120, 80);
    gets(T0.plusSeconds(60), "products", 100, 70);
    gets(T0.plusSeconds(120), "products", 90, 60);

    List<Finding> findings = gets(T0.plusSeconds(180), "products", 80, 50);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.evidence().measurements().get(EvidenceKeys.REQUESTS)).isEqualTo(650.0);
              assertThat(f.evidence().measurements().get(EvidenceKeys.HIT_RATE)).isEqualTo(0.6);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            });
  }

  @Test
  void tooFewRequestsAreNotJudged() {
    gets(T0, "products", 0, 0);

    assertThat(gets(T0.plusSeconds(60), "products", 10, 80)).isEmpty();
  }

  @Test
  void healthyCacheIsNotReported() {
    gets(T0, "products", 0, 0);

    assertThat(gets(T0.plusSeconds(60), "products", 950, 50)).isEmpty();
  }

  @Test
  void readsSeparateHitAndMissCountersPerCacheName() {
    detector.observe(
        metrics(
            sum("cache_hits_total", T0, 0, Map.of("cache.name", "users")),
            sum("cache_misses_total", T0, 0, Map.of("cache.name", "users")),
            sum("cache.hits", T0, 0, Map.of("cache.name", "prices")),
            sum("cache.misses", T0, 0, Map.of("cache.name", "prices"))),
        DEFAULTS);

    List<Finding> findings =
        detector.observe(
            metrics(
                sum("cache_hits_total", T0.plusSeconds(60), 100, Map.of("cache.name", "users")),
                sum("cache_misses_total", T0.plusSeconds(60), 300, Map.of("cache.name", "users")),
                sum("cache.hits", T0.plusSeconds(60), 990, Map.of("cache.name", "prices")),
                sum("cache.misses", T0.plusSeconds(60), 10, Map.of("cache.name", "prices"))),
            DEFAULTS);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo("cache:users");
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
            });
  }

  @Test
  void readsTotalRequestsWithHits() {
    detector.observe(
        metrics(
            sum("cache.requests", T0, 0, Map.of("cache", "sessions")),
            sum("cache.hits", T0, 0, Map.of("cache", "sessions"))),
        DEFAULTS);

    List<Finding> findings =
        detector.observe(
            metrics(
                sum("cache.requests", T0.plusSeconds(60), 1000, Map.of("cache", "sessions")),
                sum("cache.hits", T0.plusSeconds(60), 850, Map.of("cache", "sessions"))),
            DEFAULTS);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.evidence().measurements()).containsEntry(EvidenceKeys.HIT_RATE, 0.85));
  }

  @Test
  void aCounterResetAfterARestartIsNotANegativeCount() {
    gets(T0, "products", 10_000, 100);
    gets(T0.plusSeconds(60), "products", 10_500, 150);

    // The process restarted: counters start over.
    List<Finding> findings = gets(T0.plusSeconds(120), "products", 100, 20);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.evidence().measurements())
                    .containsEntry(EvidenceKeys.REQUESTS, 670.0));
  }

  @Test
  void honoursTheServiceThreshold() {
    gets(T0, "products", 0, 0);

    List<Finding> findings =
        detector.observe(
            metrics(
                sum(
                    "cache.gets",
                    T0.plusSeconds(60),
                    850,
                    Map.of("cache", "products", "result", "hit")),
                sum(
                    "cache.gets",
                    T0.plusSeconds(60),
                    150,
                    Map.of("cache", "products", "result", "miss"))),
            with(CacheMissRateDetector.MIN_HIT_RATE, 0.8));

    assertThat(findings).isEmpty();
  }

  @Test
  void countsOutsideTheWindowAreForgotten() {
    gets(T0, "products", 0, 0);
    gets(T0.plusSeconds(60), "products", 100, 900);

    List<Finding> findings = gets(T0.plusSeconds(60 + 600), "products", 100 + 990, 900 + 10);

    assertThat(findings).isEmpty();
  }

  @Test
  void pointsFromTheFutureAreSkipped() {
    gets(T0, "products", 0, 0);
    gets(T0.plus(java.time.Duration.ofDays(3650)), "products", 1, 1_000_000);

    List<Finding> findings = gets(T0.plusSeconds(60), "products", 700, 300);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.evidence().measurements())
                    .containsEntry(EvidenceKeys.REQUESTS, 1000.0));
  }
}
