package io.hotpath.collector.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.contracts.json.EventJson;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document: every 4xx and 5xx the collector sends is one of these, as {@code
 * application/problem+json}.
 *
 * @param type a URN naming the kind of problem, stable for clients to switch on
 * @param errors one entry per thing wrong, each with a JSON pointer into the request body
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record Problem(
    @Schema(example = "urn:hotpath:problem:invalid-body") String type,
    @Schema(example = "Invalid request body") String title,
    @Schema(example = "400") int status,
    @Schema(example = "durationMs must not be negative (at /phases/0/durationMs)") String detail,
    @Schema(example = "/api/v1/reports/startup") String instance,
    List<Violation> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  static final String TYPE_PREFIX = "urn:hotpath:problem:";

  /** A problem of the given kind ({@code invalid-body}, {@code unauthorized}, ...). */
  public static Problem of(String kind, String title, int status, String detail, String instance) {
    return new Problem(TYPE_PREFIX + kind, title, status, detail, instance, List.of());
  }

  public Problem withErrors(List<Violation> violations) {
    return new Problem(type, title, status, detail, instance, List.copyOf(violations));
  }

  /** The JSON text; written here so the media type does not depend on a provider's choice. */
  public String toJson() {
    return EventJson.write(this);
  }

  /** A response carrying this problem, for status {@link #status()}. */
  public Response.ResponseBuilder toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(toJson());
  }
}
