package io.hotpath.collector.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Collects what is wrong with a request so the agent learns every problem in one answer. */
final class Violations {
  /** Identifiers end up in keys, metric tags and UI columns; longer ones are a client bug. */
  static final int MAX_NAME_LENGTH = 256;

  private final List<Violation> found = new ArrayList<>();

  void add(String pointer, String detail) {
    found.add(new Violation(pointer, detail));
  }

  /** A required, non-blank string of at most {@link #MAX_NAME_LENGTH} characters. */
  void requireText(String value, String pointer, String field) {
    requireText(value, pointer, field, MAX_NAME_LENGTH);
  }

  /** A required, non-blank string of at most {@code maxLength} characters. */
  void requireText(String value, String pointer, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      add(pointer, field + " is required");
    } else {
      limitLength(value, pointer, field, maxLength);
    }
  }

  /**
   * The fields every report shares: who sent it ({@code service}, {@code environment}, {@code
   * version}, optional {@code instance}) and when ({@code timestamp}, optional).
   */
  void identity(
      String service, String environment, String version, String instance, String timestamp) {
    requireText(service, "/service", "service");
    requireText(environment, "/environment", "environment");
    requireText(version, "/version", "version");
    optionalText(instance, "/instance", "instance");
    timestamp(timestamp, "/timestamp", "timestamp");
  }

  /**
   * A required array of at least one {@code noun}, each element checked by {@code check} with its
   * pointer ({@code /field/i}); a null element is reported here.
   */
  <T> void eachOf(List<T> list, String field, String noun, BiConsumer<T, String> check) {
    String pointer = "/" + field;
    if (list == null) {
      add(pointer, field + " is required");
    } else if (list.isEmpty()) {
      add(pointer, field + " must list at least one " + noun);
    } else {
      for (int i = 0; i < list.size(); i++) {
        T element = list.get(i);
        if (element == null) {
          add(pointer + "/" + i, field + "[" + i + "] must be an object");
        } else {
          check.accept(element, pointer + "/" + i);
        }
      }
    }
  }

  /**
   * A required time window, {@code windowStart} to {@code windowEnd}, the end not before the start.
   */
  void window(String windowStart, String windowEnd) {
    require(windowStart, "/windowStart", "windowStart");
    require(windowEnd, "/windowEnd", "windowEnd");
    timestamp(windowStart, "/windowStart", "windowStart");
    timestamp(windowEnd, "/windowEnd", "windowEnd");
    Instant start = windowStart == null ? null : parseTimestamp(windowStart);
    Instant end = windowEnd == null ? null : parseTimestamp(windowEnd);
    if (start != null && end != null && end.isBefore(start)) {
      add("/windowEnd", "windowEnd must not be before windowStart");
    }
  }

  /** An optional string: when present, not blank and not too long. */
  void optionalText(String value, String pointer, String field) {
    optionalText(value, pointer, field, MAX_NAME_LENGTH);
  }

  /** An optional string: when present, not blank and at most {@code maxLength} characters. */
  void optionalText(String value, String pointer, String field, int maxLength) {
    if (value != null) {
      if (value.isBlank()) {
        add(pointer, field + " must not be blank when present");
      } else {
        limitLength(value, pointer, field, maxLength);
      }
    }
  }

  private void limitLength(String value, String pointer, String field, int maxLength) {
    if (value.length() > maxLength) {
      add(pointer, field + " must be at most " + maxLength + " characters");
    }
  }

  void require(Object value, String pointer, String field) {
    if (value == null) {
      add(pointer, field + " is required");
    }
  }

  void notNegative(Long value, String pointer, String field) {
    if (value != null && value < 0) {
      add(pointer, field + " must not be negative");
    }
  }

  void notNegative(Double value, String pointer, String field) {
    if (value != null && (value < 0 || value.isNaN() || value.isInfinite())) {
      add(pointer, field + " must be a finite number, not negative");
    }
  }

  void notNegative(Integer value, String pointer, String field) {
    if (value != null && value < 0) {
      add(pointer, field + " must not be negative");
    }
  }

  void timestamp(String value, String pointer, String field) {
    if (value != null && parseTimestamp(value) == null) {
      add(
          pointer,
          field + " must be an ISO-8601 date-time with an offset, e.g. 2026-11-26T10:15:30Z");
    }
  }

  /** Throws when anything was found. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidRequestException(found);
    }
  }

  /**
   * The instant of an ISO-8601 date-time with an offset ({@code Z} or {@code +02:00}); else null.
   */
  static Instant parseTimestamp(String value) {
    try {
      return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The event time: the agent's {@code timestamp} when it sent one, else {@code otherwise}. */
  static Instant timeOr(String timestamp, Instant otherwise) {
    return timestamp != null ? parseTimestamp(timestamp) : otherwise;
  }

  static String trimOrNull(String value) {
    return value == null ? null : value.trim();
  }
}
