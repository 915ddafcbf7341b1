package io.hotpath.analyzer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.ShardedAnalyzer;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointHistogramDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointStatsDetector;
import io.hotpath.analyzer.detect.query.QueryStatsDetector;
import io.hotpath.analyzer.detect.query.SlowQueryDetector;
import io.hotpath.analyzer.detect.trace.NPlusOneDetector;
import io.hotpath.analyzer.detect.trace.SequentialQueriesDetector;
import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class QueryStatsPipelineTest {
  static final Instant AT = Instant.parse("2026-11-26T11:00:00Z");

  @Inject ShardedAnalyzer analyzer;

  static TopicClient kafka() {
    return TopicClient.shared(
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  static QueryStatsReported report(String service, Instant at) {
    return new QueryStatsReported(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "2.0.0",
        null,
        at,
        at.minusSeconds(60),
        at,
        List.of(
            new QueryStats(
                "SELECT * FROM invoices WHERE customer_id = $1",
                "billing",
                120,
                36000,
                300,
                900.0,
                1200L,
                true),
            new QueryStats("select 1", "billing", 5000, 500, 0.1, 0.3, 5000L, false)));
  }

  static void produce(QueryStatsReported report) {
    kafka()
        .send(
            Topics.TELEMETRY_REPORTS,
            "demo/" + report.service(),
            EventJson.write((TelemetryReport) report));
  }

  @Test
  void aSlowStatementInQueryStatisticsIsPublishedFromItsSecondSighting() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    QueryStatsReported first = report(service, AT);
    QueryStatsReported second = report(service, AT.plusSeconds(60));

    produce(first);
    produce(second);

    List<BottleneckDetected> found =
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    kafka().readToEnd(Topics.BOTTLENECKS, "demo/" + service).stream()
                        .map(r -> EventJson.read(r.value(), BottleneckDetected.class))
                        .toList(),
                list -> !list.isEmpty());
    // Same key, same partition, in order: the first sighting was held back, the second published.
    assertThat(found).hasSize(1);
    BottleneckDetected slow = found.get(0);
    String location = SqlNormalizer.location("select * from invoices where customer_id = ?");
    String fingerprint =
        Fingerprints.bottleneck("demo", service, BottleneckType.SLOW_QUERY, location);
    assertThat(slow.type()).isEqualTo(BottleneckType.SLOW_QUERY);
    assertThat(slow.location()).isEqualTo(location);
    assertThat(slow.eventId()).isEqualTo(EventIds.derived(second.eventId(), fingerprint));
    assertThat(slow.occurrences()).isEqualTo(2);
    assertThat(slow.firstSeen()).isEqualTo(first.eventTime());
    assertThat(slow.evidence().measurements())
        .containsEntry(EvidenceKeys.MEAN_MS, 300.0)
        .containsEntry(EvidenceKeys.SEQ_SCAN, 1.0);
  }

  @Test
  void everySpanAndReportDetectorIsWiredIntoEveryShardWithStateOfItsOwn() {
    List<BottleneckAnalyzer> shards =
        analyzer.shards().stream().map(ShardedAnalyzer.Shard::analyzer).toList();
    assertThat(shards).hasSizeGreaterThan(1);
    assertThat(analyzer.shards().stream().map(ShardedAnalyzer.Shard::gate).distinct())
        .hasSameSizeAs(shards);
    List<SignalDetector<?>> detectors = shards.get(0).signalDetectors();
    assertThat(detectors)
        .extracting(d -> (Class) d.getClass())
        .contains(
            NPlusOneDetector.class,
            SequentialQueriesDetector.class,
            SlowQueryDetector.class,
            QueryStatsDetector.class,
            EndpointDetector.class,
            EndpointStatsDetector.class,
            EndpointHistogramDetector.class);
    assertThat(detectors).hasSizeGreaterThanOrEqualTo(20);
    for (BottleneckAnalyzer other : shards.subList(1, shards.size())) {
      assertThat(other.signalDetectors())
          .extracting(d -> (Class) d.getClass())
          .containsExactlyElementsOf(detectors.stream().map(d -> (Class) d.getClass()).toList());
      // A detector shared by two shards would see both shards' services under two locks.
      assertThat(other.signalDetectors()).noneMatch(d -> detectors.stream().anyMatch(e -> e == d));
    }
  }
}
