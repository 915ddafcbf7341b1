package io.hotpath.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document: every 4xx and 5xx a Hotpath HTTP API sends is one of these, as
 * {@code application/problem+json}. Absent members ({@code detail}, {@code errors}) are left out of
 * the JSON.
 *
 * @param type a URN naming the kind of problem, stable for clients to switch on ({@code
 *     about:blank} for the framework's own errors where a service says nothing more)
 * @param errors one entry per thing wrong, each pointing into the request body or naming a query
 *     parameter; never null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record Problem(
    @Schema(example = "urn:hotpath:problem:invalid-body") String type,
    @Schema(example = "Invalid request body") String title,
    @Schema(example = "400") int status,
    @Schema(example = "durationMs must not be negative (at /phases/0/durationMs)") String detail,
    @Schema(example = "/api/v1/reports/startup") String instance,
    List<Error> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** Prefix of Hotpath's problem types: {@code urn:hotpath:problem:invalid-body}. */
  public static final String TYPE_PREFIX = "urn:hotpath:problem:";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A problem of a Hotpath kind ({@code invalid-body}, {@code unauthorized}, ...). */
  public static Problem of(String kind, String title, int status, String detail, String instance) {
    return new Problem(TYPE_PREFIX + kind, title, status, detail, instance, List.of());
  }

  /** A problem of a Hotpath kind, titled with the status's reason phrase. */
  public static Problem of(
      Response.StatusType status, String kind, String detail, String instance) {
    return of(kind, status.getReasonPhrase(), status.getStatusCode(), detail, instance);
  }

  public Problem withErrors(List<Error> errors) {
    return new Problem(type, title, status, detail, instance, errors);
  }

  /** A response carrying this problem, with status {@link #status()}. */
  public Response.ResponseBuilder toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this);
  }

  /**
   * A response carrying this problem in place of {@code original}, a response of the framework's
   * own (404, 405, 406, 415...): its headers ({@code Allow}, ...) are kept, except its content type
   * and length, which described another body.
   */
  public Response.ResponseBuilder toResponseReplacing(Response original) {
    Response.ResponseBuilder builder = toResponse();
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                  && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> builder.header(name, value));
              }
            });
    return builder;
  }

  /**
   * One thing wrong: {@code pointer} is a JSON pointer (RFC 6901) into the request body, empty for
   * the whole body; {@code parameter} names a query parameter.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "ProblemError", description = "One thing wrong with the request.")
  public record Error(
      @Schema(example = "/phases/0/durationMs") String pointer,
      @Schema(example = "size") String parameter,
      @Schema(example = "durationMs must not be negative") String detail) {

    /** Something wrong at {@code pointer} in the request body. */
    public static Error pointer(String pointer, String detail) {
      return new Error(pointer, null, detail);
    }

    /** Something wrong with the query parameter {@code name}. */
    public static Error parameter(String name, String detail) {
      return new Error(null, name, detail);
    }
  }
}
