package io.hotpath.analyzer.detect.trace;

import static io.hotpath.analyzer.detect.trace.Traces.batch;
import static io.hotpath.analyzer.detect.trace.Traces.id;
import static io.hotpath.analyzer.detect.trace.Traces.query;
import static io.hotpath.analyzer.detect.trace.Traces.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.telemetry.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialQueriesDetectorTest {
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;
  final SequentialQueriesDetector detector = new SequentialQueriesDetector();

  static List<Span> request(double... startAndDuration) {
    String trace = id();
    String root = id();
    String[] tables = {"customers", "orders", "invoices", "addresses"};
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < startAndDuration.length / 2; i++) {
      spans.add(
          query(
              trace,
              root,
              "select * from " + tables[i] + " where id = " + i,
              startAndDuration[2 * i],
              startAndDuration[2 * i + 1]));
    }
    spans.add(server(trace, root, "/profile", 200));
    return spans;
  }

  @Test
  void reportsThreeDifferentQueriesRunOneAfterAnother() {
    List<Finding> findings = detector.observe(batch(request(0, 20, 20, 30, 50, 25)), DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.type()).isEqualTo(BottleneckType.SEQUENTIAL_QUERIES);
    assertThat(finding.location()).startsWith("get /profile -> sequential:");
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.TOTAL_MS, 75.0)
        .containsEntry(EvidenceKeys.PARALLEL_MS, 30.0);
    assertThat(finding.impact().value()).isEqualTo(45.0);
    assertThat(finding.evidence().description()).contains("select * from invoices where id = ?");
  }

  @Test
  void queriesThatAlreadyOverlapAreNotSequential() {
    assertThat(detector.observe(batch(request(0, 40, 10, 40, 20, 40)), DEFAULTS)).isEmpty();
  }

  @Test
  void twoQueriesAreNotEnough() {
    assertThat(detector.observe(batch(request(0, 40, 40, 40)), DEFAULTS)).isEmpty();
  }

  @Test
  void fastSequencesUnderTheTotalAreNotReported() {
    assertThat(detector.observe(batch(request(0, 10, 10, 10, 20, 10, 30, 10)), DEFAULTS)).isEmpty();
  }

  @Test
  void theSameShapeInAnotherRequestHasTheSameLocation() {
    Finding one = detector.observe(batch(request(0, 20, 20, 30, 50, 25)), DEFAULTS).get(0);
    Finding two = detector.observe(batch(request(0, 50, 60, 30, 90, 25)), DEFAULTS).get(0);

    assertThat(two.location()).isEqualTo(one.location());
  }
}
