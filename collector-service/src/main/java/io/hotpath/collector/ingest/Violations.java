package io.hotpath.collector.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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
    if (value == null || value.isBlank()) {
      add(pointer, field + " is required");
    } else {
      limitLength(value, pointer, field);
    }
  }

  /** An optional string: when present, not blank and not too long. */
  void optionalText(String value, String pointer, String field) {
    if (value != null) {
      if (value.isBlank()) {
        add(pointer, field + " must not be blank when present");
      } else {
        limitLength(value, pointer, field);
      }
    }
  }

  private void limitLength(String value, String pointer, String field) {
    if (value.length() > MAX_NAME_LENGTH) {
      add(pointer, field + " must be at most " + MAX_NAME_LENGTH + " characters");
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

  static String trimOrNull(String value) {
    return value == null ? null : value.trim();
  }
}
