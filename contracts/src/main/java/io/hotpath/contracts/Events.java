package io.hotpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Checks shared by the event records' constructors. */
public final class Events {
  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  private Events() {}

  /**
   * Rejects a missing required field with a message that names it. Blank strings count as missing.
   */
  public static <T> T require(T value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** Checks the fields every event carries (see {@link HotpathEvent}). */
  public static void requireHeader(
      UUID eventId,
      int schemaVersion,
      String tenant,
      String service,
      String environment,
      String version,
      Instant eventTime) {
    require(eventId, "eventId");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion is required and must be at least 1");
    }
    require(tenant, "tenant");
    require(service, "service");
    require(environment, "environment");
    require(version, "version");
    require(eventTime, "eventTime");
  }

  /** An immutable copy; a missing optional list becomes empty. */
  public static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** An immutable copy; a missing optional map becomes empty. */
  public static <K, V> Map<K, V> mapOrEmpty(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  /** An immutable copy of a list that must be present. */
  public static <T> List<T> requireList(List<T> list, String field) {
    return List.copyOf(require(list, field));
  }
}
