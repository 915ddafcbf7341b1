package io.hotpath.collector.ingest.pyroscope;

import io.hotpath.contracts.telemetry.ProfileType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code name} query parameter of Pyroscope's {@code /ingest}: {@code app.cpu{env=prod,...}}.
 * The last dot segment names the sample type when it is one Pyroscope agents send ({@code cpu},
 * {@code itimer}, {@code wall}, {@code alloc_*}, {@code lock_*}, ...); what precedes it is the
 * application. A {@code service_name} label names the service instead, as in Pyroscope.
 *
 * @param service the application, or the {@code service_name} label when present
 * @param sampleType e.g. {@code cpu}, {@code alloc_in_new_tlab_bytes}; {@code cpu} when the name
 *     has no known suffix
 * @param labels the labels in the braces, in the order sent
 */
public record ProfileName(
    String service, String sampleType, ProfileType profileType, Map<String, String> labels) {
  static final int MAX_LENGTH = 4096;

  /** Label values become the service, environment, version and instance: as long as JSON names. */
  static final int MAX_LABEL_LENGTH = 256;

  /**
   * Parses {@code name}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static ProfileName parse(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required, e.g. name=checkout.cpu{env=prod}");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("name must be at most " + MAX_LENGTH + " characters");
    }
    String base = name.trim();
    Map<String, String> labels = new LinkedHashMap<>();
    int brace = base.indexOf('{');
    if (brace >= 0) {
      if (!base.endsWith("}")) {
        throw new IllegalArgumentException("name has labels without a closing '}'");
      }
      parseLabels(base.substring(brace + 1, base.length() - 1), labels);
      base = base.substring(0, brace).trim();
    }
    String sampleType = "cpu";
    int dot = base.lastIndexOf('.');
    if (dot > 0 && typeOf(base.substring(dot + 1)) != null) {
      sampleType = base.substring(dot + 1);
      base = base.substring(0, dot);
    }
    String service = labels.getOrDefault("service_name", base);
    if (service.isBlank()) {
      throw new IllegalArgumentException("name must start with the application name");
    }
    if (service.length() > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "the application name must be at most " + MAX_LABEL_LENGTH + " characters");
    }
    return new ProfileName(
        service, sampleType, typeOf(sampleType), Collections.unmodifiableMap(labels));
  }

  private static void parseLabels(String text, Map<String, String> labels) {
    if (text.isBlank()) {
      return;
    }
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? "" : pair.substring(0, eq).trim();
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "name has a label that is not key=value: '" + pair.trim() + "'");
      }
      String value = pair.substring(eq + 1).trim();
      if (key.length() > MAX_LABEL_LENGTH || value.length() > MAX_LABEL_LENGTH) {
        throw new IllegalArgumentException(
            "name has a label longer than " + MAX_LABEL_LENGTH + " characters: '" + key + "'");
      }
      if (labels.put(key, value) != null) {
        throw new IllegalArgumentException("name has the label '" + key + "' twice");
      }
    }
  }

  /** The profile type of a Pyroscope sample type name; null for a name that is not one. */
  static ProfileType typeOf(String sampleType) {
    if (sampleType.equals("cpu") || sampleType.equals("itimer")) {
      return ProfileType.CPU;
    }
    if (sampleType.equals("wall")) {
      return ProfileType.WALL;
    }
    if (sampleType.startsWith("alloc_") || sampleType.startsWith("inuse_")) {
      return ProfileType.ALLOCATION;
    }
    if (sampleType.startsWith("lock_")
        || sampleType.startsWith("mutex_")
        || sampleType.startsWith("block_")) {
      return ProfileType.LOCK;
    }
    if (sampleType.equals("goroutines") || sampleType.equals("goroutine")) {
      return ProfileType.OTHER;
    }
    return null;
  }

  /** The first of {@code keys} that is a label, else {@code otherwise}. */
  public String label(String otherwise, String... keys) {
    for (String key : keys) {
      String value = labels.get(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return otherwise;
  }
}
