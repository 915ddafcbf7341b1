package io.hotpath.collector.ingest.otlp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts the items refused from an otherwise accepted request, by reason, for partial_success. */
final class Rejections {
  private final Map<String, Long> byReason = new LinkedHashMap<>();

  void add(String reason, long count) {
    if (count > 0) {
      byReason.merge(reason, count, Long::sum);
    }
  }

  long total() {
    return byReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** English, as the OTLP specification asks: each reason with its count. */
  String message(String items) {
    if (byReason.isEmpty()) {
      return "";
    }
    return total()
        + " "
        + items
        + " rejected: "
        + byReason.entrySet().stream()
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining("; "));
  }
}
