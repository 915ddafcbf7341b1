package io.hotpath.contracts.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;

/**
 * The one JSON form of Hotpath's events. Unknown fields from a newer producer are ignored; a
 * missing required field is refused with an {@link InvalidEventException} that names it.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

  private EventJson() {}

  /** Applies Hotpath's event settings to a mapper (for example the one a framework provides). */
  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  /** The shared mapper; configured once, safe to use from many threads. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  public static byte[] writeBytes(Object event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads one event.
   *
   * @throws InvalidEventException with what was wrong and a JSON pointer to where
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw invalid(type, e);
    }
  }

  /** Like {@link #read(String, Class)}, from UTF-8 bytes. */
  public static <T> T read(byte[] json, Class<T> type) {
    return read(json, type, type);
  }

  /**
   * Reads the UTF-8 JSON of an {@code event} into {@code shape}, a narrower view of it that skips
   * what the reader does not need; what is wrong is reported for the event.
   *
   * @throws InvalidEventException naming {@code event}, with what was wrong and a JSON pointer
   */
  public static <T> T read(byte[] json, Class<T> shape, Class<?> event) {
    try {
      return MAPPER.readValue(json, shape);
    } catch (java.io.IOException e) {
      throw invalid(event, e);
    }
  }

  private static InvalidEventException invalid(Class<?> type, java.io.IOException e) {
    String pointer = "";
    String problem = e.getMessage();
    if (e instanceof JsonProcessingException jpe) {
      problem = jpe.getOriginalMessage();
    }
    if (e instanceof JsonMappingException jme) {
      pointer =
          jme.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? "/" + ref.getFieldName() : "/" + ref.getIndex())
              .collect(Collectors.joining());
      // A record constructor's own check says best what is missing.
      if (jme.getCause() instanceof IllegalArgumentException iae) {
        problem = iae.getMessage();
      }
    }
    return new InvalidEventException(type.getSimpleName() + ": " + problem, pointer, e);
  }
}
