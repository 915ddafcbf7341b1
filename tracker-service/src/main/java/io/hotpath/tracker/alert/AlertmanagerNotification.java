package io.hotpath.tracker.alert;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.contracts.Fingerprints;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One notification of Alertmanager's webhook receiver (payload {@code version} "4"), read by hand
 * so that a bad payload is answered with every problem and where it is (a JSON pointer), and so
 * that fields and labels Hotpath does not know never fail the call.
 *
 * @param status {@code firing} or {@code resolved}: the group's status
 * @param alerts the alerts of the group, each with its own status
 */
public record AlertmanagerNotification(
    String version,
    String groupKey,
    int truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalUrl,
    List<Alert> alerts) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";
  public static final String SUPPORTED_VERSION = "4";

  /** Alertmanager's "no end time" in the payloads of older versions. */
  private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /**
   * One alert of the group.
   *
   * @param endsAt null when Alertmanager sent none or its zero time
   * @param fingerprint Alertmanager's fingerprint of the label set; when a sender leaves it out,
   *     {@code labels:} and the SHA-256 of the sorted labels stand in for it
   */
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorUrl,
      String fingerprint) {

    public boolean firing() {
      return FIRING.equals(status);
    }

    public String label(String name) {
      String value = labels.get(name);
      return value == null || value.isBlank() ? null : value.trim();
    }

    public String alertname() {
      return label("alertname");
    }
  }

  /** Where a payload is wrong ({@code pointer}, RFC 6901) and what is wrong there. */
  public record Problem(String pointer, String detail) {}

  /** The payload could not be read; every problem found. */
  public static final class Invalid extends RuntimeException {
    private final transient List<Problem> problems;

    Invalid(List<Problem> problems) {
      super(problems.toString(), null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** Reads a webhook body; throws {@link Invalid} naming every problem. */
  public static AlertmanagerNotification parse(byte[] body) {
    JsonNode root;
    try {
      root = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (JsonParseException e) {
      throw new Invalid(
          List.of(
              new Problem(
                  "",
                  "not valid JSON at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ": "
                      + e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      throw new Invalid(List.of(new Problem("", "not valid JSON: " + e.getOriginalMessage())));
    } catch (java.io.IOException e) {
      throw new Invalid(List.of(new Problem("", "the body could not be read")));
    }
    if (root == null || root.isMissingNode()) {
      throw new Invalid(List.of(new Problem("", "a JSON body (Alertmanager webhook, version 4)")));
    }
    if (!root.isObject()) {
      throw new Invalid(List.of(new Problem("", "must be a JSON object")));
    }
    List<Problem> problems = new ArrayList<>();
    String version = requiredText(root, "version", "/version", problems);
    if (version != null && !SUPPORTED_VERSION.equals(version)) {
      problems.add(
          new Problem(
              "/version",
              "'" + version + "' is not supported; Alertmanager's webhook payload version 4 is"));
    }
    String groupKey = requiredText(root, "groupKey", "/groupKey", problems);
    String status = status(root, "/status", problems);
    int truncated = 0;
    JsonNode truncatedNode = root.get("truncatedAlerts");
    if (truncatedNode != null && truncatedNode.canConvertToInt()) {
      truncated = truncatedNode.asInt();
    }
    List<Alert> alerts = new ArrayList<>();
    JsonNode alertNodes = root.get("alerts");
    if (alertNodes == null || alertNodes.isNull()) {
      problems.add(new Problem("/alerts", "required: the array of alerts"));
    } else if (!alertNodes.isArray()) {
      problems.add(new Problem("/alerts", "must be an array of alerts"));
    } else {
      for (int i = 0; i < alertNodes.size(); i++) {
        Alert alert = alert(alertNodes.get(i), "/alerts/" + i, problems);
        if (alert != null) {
          alerts.add(alert);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return new AlertmanagerNotification(
        version,
        groupKey,
        truncated,
        status,
        optionalText(root.get("receiver")),
        strings(root.get("groupLabels")),
        strings(root.get("commonLabels")),
        strings(root.get("commonAnnotations")),
        optionalText(root.get("externalURL")),
        List.copyOf(alerts));
  }

  private static Alert alert(JsonNode node, String at, List<Problem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new Problem(at, "must be an alert object"));
      return null;
    }
    int before = problems.size();
    String status = status(node, at + "/status", problems);
    JsonNode labelNode = node.get("labels");
    if (labelNode == null || labelNode.isNull()) {
      problems.add(new Problem(at + "/labels", "required: the alert's labels"));
    } else if (!labelNode.isObject()) {
      problems.add(new Problem(at + "/labels", "must be an object of label names to values"));
    }
    Instant startsAt = time(node.get("startsAt"), at + "/startsAt", true, problems);
    Instant endsAt = time(node.get("endsAt"), at + "/endsAt", false, problems);
    if (problems.size() > before) {
      return null;
    }
    Map<String, String> labels = strings(labelNode);
    String fingerprint = optionalText(node.get("fingerprint"));
    if (fingerprint == null) {
      fingerprint = "labels:" + Fingerprints.sha256Hex(labels.toString()).substring(0, 32);
    } else if (fingerprint.length() > 128) {
      problems.add(new Problem(at + "/fingerprint", "at most 128 characters"));
      return null;
    }
    return new Alert(
        status,
        labels,
        strings(node.get("annotations")),
        startsAt,
        endsAt,
        optionalText(node.get("generatorURL")),
        fingerprint);
  }

  private static String status(JsonNode parent, String at, List<Problem> problems) {
    String field = at.substring(at.lastIndexOf('/') + 1);
    String value = requiredText(parent, field, at, problems);
    if (value == null) {
      return null;
    }
    String normalized = value.toLowerCase(Locale.ROOT);
    if (!FIRING.equals(normalized) && !RESOLVED.equals(normalized)) {
      problems.add(new Problem(at, "'" + value + "' is neither firing nor resolved"));
      return null;
    }
    return normalized;
  }

  private static String requiredText(
      JsonNode parent, String field, String at, List<Problem> problems) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      problems.add(new Problem(at, "required"));
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(new Problem(at, "must be a non-empty string"));
      return null;
    }
    return node.asText().trim();
  }

  private static Instant time(JsonNode node, String at, boolean required, List<Problem> problems) {
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      if (required) {
        problems.add(new Problem(at, "required: an RFC 3339 time"));
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new Problem(at, "must be an RFC 3339 time as a string"));
      return null;
    }
    try {
      Instant parsed = OffsetDateTime.parse(node.asText().trim()).toInstant();
      return parsed.equals(ZERO_TIME) && !required ? null : parsed;
    } catch (DateTimeParseException e) {
      problems.add(new Problem(at, "'" + node.asText() + "' is not an RFC 3339 time"));
      return null;
    }
  }

  private static String optionalText(JsonNode node) {
    if (node == null || !node.isValueNode() || node.isNull()) {
      return null;
    }
    String text = node.asText();
    return text.isBlank() ? null : text.trim();
  }

  /** Label or annotation maps: values as text, sorted by name; anything else is left out. */
  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> values = new TreeMap<>();
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value != null && value.isValueNode() && !value.isNull()) {
        values.put(field.getKey(), value.asText());
      }
    }
    return java.util.Collections.unmodifiableMap(values);
  }
}
