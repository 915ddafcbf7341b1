package io.hotpath.planner.playbook;

import java.util.List;

/** Checks used by the catalog records, so a broken entry is refused with the field it lacks. */
final class Specs {
  private Specs() {}

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static List<String> requireNonEmpty(List<String> values, String field) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(field + " must list at least one entry");
    }
    for (int i = 0; i < values.size(); i++) {
      requireText(values.get(i), field + "[" + i + "]");
    }
    return List.copyOf(values);
  }
}
