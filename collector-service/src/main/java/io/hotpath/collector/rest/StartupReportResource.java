package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.collector.ingest.StartupReportRequest;
import io.hotpath.collector.service.IngestService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Startup reports from agents. The body is read as bytes and parsed here, not bound by the
 * framework, so every malformed body gets the same precise 400.
 */
@Path("/api/v1/reports/startup")
@Tag(name = "ingest")
@SecurityRequirement(name = "token")
public class StartupReportResource {
  static final String EXAMPLE =
      """
      {
        "eventId": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "service": "checkout",
        "environment": "prod",
        "version": "1.4.2",
        "instance": "checkout-7d9f-abcde",
        "timestamp": "2026-11-26T10:15:30Z",
        "startType": "COLD",
        "phases": [
          {"name": "class-loading", "durationMs": 640},
          {"name": "hibernate-bootstrap", "durationMs": 2300}
        ],
        "timeToReadyMs": 4200,
        "startupMemoryMb": 312.5
      }
      """;

  private final IngestService ingest;

  public StartupReportResource(IngestService ingest) {
    this.ingest = ingest;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Report how a start went",
      description =
          "Answers 202 only after Kafka acknowledged the event. Send a stable eventId so a retry"
              + " after a timeout or a 503 is recognised downstream.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StartupReportRequest.class),
              examples = @ExampleObject(name = "cold start", value = EXAMPLE)))
  @APIResponse(
      responseCode = "202",
      description = "Stored in Kafka",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed body: every problem, with a JSON pointer to it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "401",
      description = "Missing or unknown token",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "413",
      description = "Body over hotpath.collector.max-body-bytes",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "503",
      description = "Kafka did not take the event; retry after Retry-After seconds",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Response> report(byte[] body, @Context ContainerRequestContext request) {
    return ingest
        .acceptStartupReport(AuthFilter.tenantOf(request), body)
        .map(id -> Response.accepted(new Accepted(id)).build());
  }
}
