package io.hotpath.analyzer.detect;

import static io.hotpath.analyzer.detect.StartupReports.T0;
import static io.hotpath.analyzer.detect.StartupReports.phase;
import static io.hotpath.analyzer.detect.StartupReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Fingerprints;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BottleneckAnalyzerTest {
  final BottleneckAnalyzer analyzer =
      new BottleneckAnalyzer(List.of(new StartupPhaseDetector(1000)), new Sightings(1000));

  @Test
  void turnsASlowPhaseIntoABottleneckWithItsIdentityAndHistory() {
    StartupReported report = report(phase("hibernate-bootstrap", 2300));

    List<BottleneckDetected> detected = analyzer.analyze(report);

    assertThat(detected).hasSize(1);
    BottleneckDetected event = detected.get(0);
    String fingerprint =
        Fingerprints.bottleneck(
            "demo", "checkout", BottleneckType.SLOW_STARTUP, "startup-phase:hibernate-bootstrap");
    assertThat(event.fingerprint()).isEqualTo(fingerprint);
    assertThat(event.eventId()).isEqualTo(EventIds.derived(report.eventId(), fingerprint));
    assertThat(event.type()).isEqualTo(BottleneckType.SLOW_STARTUP);
    assertThat(event.severity()).isEqualTo(Severity.HIGH);
    assertThat(event.state()).isEqualTo(BottleneckState.ACTIVE);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.service()).isEqualTo("checkout");
    assertThat(event.environment()).isEqualTo("prod");
    assertThat(event.version()).isEqualTo("1.4.2");
    assertThat(event.instance()).isEqualTo("pod-1");
    assertThat(event.eventTime()).isEqualTo(T0);
    assertThat(event.firstSeen()).isEqualTo(T0);
    assertThat(event.lastSeen()).isEqualTo(T0);
    assertThat(event.occurrences()).isEqualTo(1);
  }

  @Test
  void twoSlowPhasesGiveTwoBottlenecksWithDifferentFingerprintsAndIds() {
    List<BottleneckDetected> detected =
        analyzer.analyze(report(phase("hibernate-bootstrap", 2300), phase("db-migrations", 1500)));

    assertThat(detected).hasSize(2);
    assertThat(detected.get(0).fingerprint()).isNotEqualTo(detected.get(1).fingerprint());
    assertThat(detected.get(0).eventId()).isNotEqualTo(detected.get(1).eventId());
  }

  @Test
  void theSameReportTwiceKeepsOccurrencesAtOneAndEmitsTheSameIds() {
    StartupReported report = report(phase("hibernate-bootstrap", 2300));

    BottleneckDetected first = analyzer.analyze(report).get(0);
    BottleneckDetected again = analyzer.analyze(report).get(0);

    assertThat(again.occurrences()).isEqualTo(1);
    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void aSecondReportWithTheSameSlowPhaseCountsTwiceOnTheSameFingerprint() {
    BottleneckDetected first =
        analyzer.analyze(report(UUID.randomUUID(), "checkout", T0, phase("db", 2000))).get(0);
    BottleneckDetected second =
        analyzer
            .analyze(
                report(
                    UUID.randomUUID(),
                    "checkout",
                    T0.plus(Duration.ofHours(1)),
                    phase("DB ", 3000)))
            .get(0);

    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.eventId()).isNotEqualTo(first.eventId());
    assertThat(second.occurrences()).isEqualTo(2);
    assertThat(second.firstSeen()).isEqualTo(T0);
    assertThat(second.lastSeen()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void theSamePhaseOnAnotherServiceIsAnotherBottleneck() {
    BottleneckDetected checkout =
        analyzer.analyze(report(UUID.randomUUID(), "checkout", T0, phase("db", 2000))).get(0);
    BottleneckDetected payments =
        analyzer.analyze(report(UUID.randomUUID(), "payments", T0, phase("db", 2000))).get(0);

    assertThat(payments.fingerprint()).isNotEqualTo(checkout.fingerprint());
    assertThat(payments.occurrences()).isEqualTo(1);
  }

  @Test
  void aHealthyStartGivesNothing() {
    assertThat(analyzer.analyze(report(phase("boot", 900)))).isEmpty();
  }
}
