package io.hotpath.collector.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** OTLP attribute values as the strings the canonical events carry. */
final class AnyValues {
  private AnyValues() {}

  /** The string form of {@code value}; null when it holds nothing. */
  static String string(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> number(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE ->
          value.getArrayValue().getValuesList().stream()
              .map(AnyValues::string)
              .filter(Objects::nonNull)
              .collect(Collectors.joining(",", "[", "]"));
      case KVLIST_VALUE ->
          value.getKvlistValue().getValuesList().stream()
              .map(kv -> kv.getKey() + "=" + string(kv.getValue()))
              .collect(Collectors.joining(",", "{", "}"));
      default -> null;
    };
  }

  /** {@code 200.0} reads as {@code 200}: a status code sent as a double still matches. */
  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** Every attribute (or only those in {@code keep}, when not null) with a value, as strings. */
  static Map<String, String> strings(List<KeyValue> attributes, Set<String> keep) {
    Map<String, String> result = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      if (keep != null && !keep.contains(kv.getKey())) {
        continue;
      }
      String value = string(kv.getValue());
      if (value != null && !kv.getKey().isEmpty()) {
        result.put(kv.getKey(), value);
      }
    }
    return result;
  }
}
