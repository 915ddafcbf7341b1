package io.hotpath.tracker.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import java.util.TreeMap;

/** Stores endpoint figures (endpoint to p95 ms) as a JSON object in a text column, sorted. */
@Converter
public class JsonDoubleMap implements AttributeConverter<Map<String, Double>, String> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, Double>> MAP = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(Map<String, Double> values) {
    try {
      return JSON.writeValueAsString(values == null ? Map.of() : new TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write endpoint figures as JSON", e);
    }
  }

  @Override
  public Map<String, Double> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(column, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored endpoint figures are not a JSON object", e);
    }
  }
}
