package io.hotpath.tracker.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertmanagerNotificationTest {

  private static AlertmanagerNotification parse(String json) {
    return AlertmanagerNotification.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static AlertmanagerNotification.Invalid invalid(String json) {
    try {
      parse(json);
    } catch (AlertmanagerNotification.Invalid e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  /** Alertmanager 0.25's payload, as its webhook receiver sends it. */
  static final String PAYLOAD =
      """
      {"receiver":"hotpath-tracker","status":"firing",
       "alerts":[{"status":"firing",
         "labels":{"alertname":"ServiceHighLatencyP95","service":"checkout","severity":"critical"},
         "annotations":{"summary":"checkout p95 latency is 3s"},
         "startsAt":"2026-11-26T13:00:00.123456789+01:00","endsAt":"0001-01-01T00:00:00Z",
         "generatorURL":"http://prometheus:9090/graph?g0.expr=x","fingerprint":"1a30ba71cca2921f"}],
       "groupLabels":{"alertname":"ServiceHighLatencyP95"},
       "commonLabels":{"alertname":"ServiceHighLatencyP95","service":"checkout"},
       "commonAnnotations":{"summary":"checkout p95 latency is 3s"},
       "externalURL":"http://alertmanager:9093","version":"4",
       "groupKey":"{}:{alertname=\\"ServiceHighLatencyP95\\"}","truncatedAlerts":0}
      """;

  @Test
  void readsAlertmanagersPayload() {
    AlertmanagerNotification n = parse(PAYLOAD);

    assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"ServiceHighLatencyP95\"}");
    assertThat(n.status()).isEqualTo("firing");
    assertThat(n.receiver()).isEqualTo("hotpath-tracker");
    assertThat(n.externalUrl()).isEqualTo("http://alertmanager:9093");
    assertThat(n.commonLabels()).containsEntry("service", "checkout");
    assertThat(n.alerts()).hasSize(1);
    AlertmanagerNotification.Alert alert = n.alerts().get(0);
    assertThat(alert.firing()).isTrue();
    assertThat(alert.alertname()).isEqualTo("ServiceHighLatencyP95");
    assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00.123456789Z"));
    assertThat(alert.endsAt()).isNull();
    assertThat(alert.fingerprint()).isEqualTo("1a30ba71cca2921f");
    assertThat(alert.annotations()).containsEntry("summary", "checkout p95 latency is 3s");
  }

  @Test
  void ignoresUnknownFieldsAndKeepsUnknownLabels() {
    AlertmanagerNotification n =
        parse(
            PAYLOAD
                .replace("\"version\":\"4\"", "\"version\":\"4\",\"orgId\":7,\"extra\":{\"a\":[1]}")
                .replace("\"severity\":\"critical\"", "\"severity\":\"critical\",\"pod\":\"x-1\"")
                .replace("\"annotations\":{", "\"annotations\":{\"value\":3.5,\"nested\":{},"));

    assertThat(n.alerts().get(0).labels()).containsEntry("pod", "x-1");
    assertThat(n.alerts().get(0).annotations())
        .containsEntry("value", "3.5")
        .doesNotContainKey("nested");
  }

  @Test
  void standsInForAMissingFingerprintWithOneOfTheLabels() {
    String withoutFingerprint = PAYLOAD.replace(",\"fingerprint\":\"1a30ba71cca2921f\"", "");

    String first = parse(withoutFingerprint).alerts().get(0).fingerprint();
    String again = parse(withoutFingerprint).alerts().get(0).fingerprint();
    String otherLabels =
        parse(
                withoutFingerprint.replace(
                    "\"service\":\"checkout\",\"severity\"", "\"service\":\"cart\",\"severity\""))
            .alerts()
            .get(0)
            .fingerprint();

    assertThat(first).startsWith("labels:").isEqualTo(again).isNotEqualTo(otherLabels);
  }

  @Test
  void namesEveryMissingOrBadFieldByItsPointer() {
    AlertmanagerNotification.Invalid e =
        invalid(
            """
            {"version":"4","status":"burning",
             "alerts":[{"status":"firing","labels":{"alertname":"A"}},
                       {"status":"resolved","labels":"x","startsAt":"yesterday"}]}
            """);

    assertThat(e.problems())
        .extracting(AlertmanagerNotification.Problem::pointer)
        .containsExactly(
            "/groupKey", "/status", "/alerts/0/startsAt", "/alerts/1/labels", "/alerts/1/startsAt");
    assertThat(e.problems().get(1).detail()).isEqualTo("'burning' is neither firing nor resolved");
    assertThat(e.problems().get(4).detail()).isEqualTo("'yesterday' is not an RFC 3339 time");
  }

  @Test
  void refusesMalformedJsonWithItsPosition() {
    AlertmanagerNotification.Invalid e = invalid("{\"version\":\"4\",\n \"alerts\": [}");

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).pointer()).isEmpty();
    assertThat(e.problems().get(0).detail()).startsWith("not valid JSON at line 2, column");
  }

  @Test
  void refusesAnotherPayloadVersionAndNonObjects() {
    assertThat(invalid(PAYLOAD.replace("\"version\":\"4\"", "\"version\":\"5\"")).problems())
        .extracting(AlertmanagerNotification.Problem::pointer)
        .containsExactly("/version");
    assertThat(invalid("[]").problems().get(0).detail()).isEqualTo("must be a JSON object");
    assertThatThrownBy(() -> AlertmanagerNotification.parse(new byte[0]))
        .isInstanceOf(AlertmanagerNotification.Invalid.class);
  }
}
