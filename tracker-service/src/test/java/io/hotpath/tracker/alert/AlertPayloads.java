package io.hotpath.tracker.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager webhook payloads (version 4) for the tracker's tests, as Alertmanager sends them.
 */
final class AlertPayloads {
  static final String STARTS_AT = "2026-11-26T13:05:00Z";
  static final String ENDS_AT = "2026-11-26T13:20:00Z";

  private AlertPayloads() {}

  /** One alert; {@code labels} as name, value pairs. */
  static Map<String, Object> alert(
      String status, String fingerprint, Map<String, String> labels, String summary) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("status", status);
    alert.put("labels", labels);
    alert.put(
        "annotations",
        summary == null ? Map.of() : Map.of("summary", summary, "runbook_url", "https://runbooks"));
    alert.put("startsAt", STARTS_AT);
    alert.put("endsAt", "resolved".equals(status) ? ENDS_AT : "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up");
    alert.put("fingerprint", fingerprint);
    return alert;
  }

  static Map<String, Object> notification(
      String groupKey, String status, List<Map<String, Object>> alerts) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "4");
    body.put("groupKey", groupKey);
    body.put("truncatedAlerts", 0);
    body.put("status", status);
    body.put("receiver", "hotpath-tracker");
    body.put("groupLabels", Map.of("alertname", "ServiceHighLatencyP95"));
    body.put("commonLabels", Map.of());
    body.put("commonAnnotations", Map.of());
    body.put("externalURL", "http://alertmanager:9093");
    body.put("alerts", alerts);
    return body;
  }

  /** Labels in the given order, from name, value pairs. */
  static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }
}
