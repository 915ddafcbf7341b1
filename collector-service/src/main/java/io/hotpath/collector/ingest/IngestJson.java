package io.hotpath.collector.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.hotpath.contracts.json.EventJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads agents' JSON request bodies. It starts from the contracts' event settings ({@link
 * EventJson#configure}) and is stricter about what it was sent: no trailing content, no duplicate
 * keys, no quoted numbers or numbers for strings, no fractions for integers. A failure becomes an
 * {@link InvalidRequestException} whose violation names the field and points at it.
 */
public final class IngestJson {
  private static final ObjectMapper MAPPER = EventJson.configure(strictMapper());

  private IngestJson() {}

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float)) {
      mapper
          .coercionConfigFor(number)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    return mapper;
  }

  /**
   * Reads one request body.
   *
   * @throws InvalidRequestException with what was wrong and where; never returns null
   */
  public static <T> T read(byte[] body, Class<T> type) {
    ObjectReader reader = MAPPER.readerFor(type);
    T value;
    try {
      value = reader.readValue(body);
    } catch (IOException e) {
      throw new InvalidRequestException(List.of(violationOf(e)), e);
    }
    if (value == null) {
      throw new InvalidRequestException(List.of(new Violation("", "body must be a JSON object")));
    }
    return value;
  }

  static Violation violationOf(IOException e) {
    if (e instanceof JsonMappingException mapping) {
      String pointer = pointerOf(mapping);
      String field = fieldOf(mapping);
      if (mapping instanceof InvalidFormatException format && format.getTargetType() != null) {
        return new Violation(pointer, field + " must be " + describe(format.getTargetType()));
      }
      if (mapping instanceof MismatchedInputException mismatch) {
        if (mapping.getPath().isEmpty()) {
          // The root itself: empty body, an array or a scalar instead of an object, or trailing
          // content after the object.
          String problem = mismatch.getOriginalMessage();
          if (problem != null && problem.startsWith("Trailing token")) {
            return new Violation("", "body has content after the JSON object" + at(mapping));
          }
          if (problem != null && problem.startsWith("No content to map")) {
            return new Violation("", "body is empty; expected a JSON object");
          }
          return new Violation("", "body must be a JSON object");
        }
        if (mismatch.getTargetType() != null) {
          return new Violation(pointer, field + " must be " + describe(mismatch.getTargetType()));
        }
      }
      if (mapping.getCause() instanceof IllegalArgumentException iae) {
        return new Violation(pointer, iae.getMessage());
      }
      return new Violation(pointer, field + " is invalid: " + mapping.getOriginalMessage());
    }
    if (e instanceof JsonProcessingException syntax) {
      return new Violation(
          "", "body is not valid JSON: " + syntax.getOriginalMessage() + at(syntax));
    }
    return new Violation("", "body could not be read: " + e.getMessage());
  }

  private static String at(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String pointerOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            ref ->
                ref.getFieldName() != null
                    ? "/" + ref.getFieldName().replace("~", "~0").replace("/", "~1")
                    : "/" + ref.getIndex())
        .collect(Collectors.joining());
  }

  /** The last field name on the path: {@code durationMs} for {@code /phases/0/durationMs}. */
  private static String fieldOf(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    for (int i = path.size() - 1; i >= 0; i--) {
      JsonMappingException.Reference ref = path.get(i);
      if (ref.getFieldName() != null) {
        return i == path.size() - 1
            ? ref.getFieldName()
            : ref.getFieldName() + "[" + path.get(i + 1).getIndex() + "]";
      }
    }
    return "value";
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (type == UUID.class) {
      return "a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class
        || type == long.class
        || type == Integer.class
        || type == int.class
        || type == Short.class
        || type == short.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a valid " + type.getSimpleName();
  }
}
