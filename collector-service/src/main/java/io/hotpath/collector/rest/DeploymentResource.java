package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.collector.ingest.DeploymentRequest;
import io.hotpath.collector.service.IngestService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deployments from CI jobs and deploy hooks, which the tracker needs to validate and roll back
 * fixes. Read and answered like {@link ReportsResource}.
 */
@Path("/api/v1/deployments")
@Tag(name = "ingest")
@SecurityRequirement(name = "token")
// Conversion costs milliseconds of CPU for big bodies: on a worker thread, not the event loop.
// The worker also waits for Kafka's acknowledgement and writes the answer itself: an answer
// resumed on the producer's thread now and then found the request context gone (a 500).
@Blocking
public class DeploymentResource {
  static final String EXAMPLE =
      """
      {
        "eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "service": "checkout",
        "environment": "prod",
        "version": "1.4.3",
        "previousVersion": "1.4.2",
        "optimizationIds": ["BTLNK-001"],
        "rollbackTarget": "1.4.2",
        "timestamp": "2026-11-26T11:00:00Z"
      }
      """;

  private final IngestService ingest;

  public DeploymentResource(IngestService ingest) {
    this.ingest = ingest;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Record a deployment",
      description =
          "Answers 202 only after Kafka acknowledged the event. Send a stable eventId so a retry"
              + " after a timeout or a 503 is recognised downstream.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DeploymentRequest.class),
              examples = @ExampleObject(name = "release with a fix", value = EXAMPLE)))
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
  public Response record(byte[] body, @Context ContainerRequestContext request) {
    UUID id =
        ingest.acceptDeployment(
            AuthFilter.tenantOf(request),
            body,
            ContentEncodings.isGzip(request.getHeaderString(HttpHeaders.CONTENT_ENCODING)));
    return Response.accepted(new Accepted(id)).build();
  }
}
