package io.hotpath.tracker.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem: what was wrong ({@code title}, {@code detail}) and where ({@code instance},
 * {@code errors}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String instance, List<Error> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(Response.Status status, String type, String detail, String instance) {
    return new Problem(
        type, status.getReasonPhrase(), status.getStatusCode(), detail, instance, null);
  }

  public Problem withErrors(List<Error> errors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(errors));
  }

  /**
   * One thing wrong: {@code pointer} is a JSON pointer into the body, {@code parameter} names a
   * query parameter.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(String pointer, String parameter, String detail) {
    public static Error parameter(String name, String detail) {
      return new Error(null, name, detail);
    }
  }
}
