package io.hotpath.tracker.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/**
 * Stores a list of strings (plan steps, plan ids) as a JSON array in a text column. Not jsonb:
 * Hibernate Reactive's PostgreSQL client binds JSON values as objects and refuses a top-level
 * array, and nothing queries inside these lists.
 */
@Converter
public class JsonStringList implements AttributeConverter<List<String>, String> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(List<String> values) {
    try {
      return JSON.writeValueAsString(values == null ? List.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a list of strings as JSON", e);
    }
  }

  @Override
  public List<String> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(column, LIST));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored list is not a JSON array of strings", e);
    }
  }
}
