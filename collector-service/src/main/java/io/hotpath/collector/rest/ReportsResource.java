package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.collector.ingest.EndpointStatsRequest;
import io.hotpath.collector.ingest.FunctionalityRequest;
import io.hotpath.collector.ingest.QueryStatsRequest;
import io.hotpath.collector.ingest.ReportRequest;
import io.hotpath.collector.ingest.ResourcesRequest;
import io.hotpath.collector.ingest.StartupReportRequest;
import io.hotpath.collector.service.IngestKind;
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
 * The Hotpath JSON reports of agents and CI jobs: startup, endpoint stats, query stats, resource
 * samples and functionality checks. Each body is read as bytes and parsed by its request record,
 * not bound by the framework, so every malformed body gets the same precise 400; each answers 202
 * only after Kafka acknowledged the event. The refusals are the same for all of them, so they are
 * documented once, on the class.
 */
@Path("/api/v1/reports")
@Tag(name = "ingest")
@SecurityRequirement(name = "token")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "202",
    description = "Stored in Kafka",
    content = @Content(schema = @Schema(implementation = Accepted.class)))
@APIResponse(
    responseCode = "400",
    description = "Malformed body: every problem, with a JSON pointer to it",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "401",
    description = "Missing or unknown token",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "413",
    description = "Body over hotpath.collector.max-body-bytes",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "415",
    description = "Content-Type is not application/json",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "503",
    description = "Kafka did not take the event; retry after Retry-After seconds",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
// Conversion costs milliseconds of CPU for big bodies: on a worker thread, not the event loop.
// The worker also waits for Kafka's acknowledgement and writes the answer itself: an answer
// resumed on the producer's thread now and then found the request context gone (a 500).
@Blocking
public class ReportsResource {
  private static final String RETRY_NOTE =
      " Answers 202 only after Kafka acknowledged the event. Send a stable eventId so a retry"
          + " after a timeout or a 503 is recognised downstream.";

  static final String STARTUP_EXAMPLE =
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

  static final String ENDPOINT_STATS_EXAMPLE =
      """
      {
        "eventId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "service": "checkout",
        "environment": "prod",
        "version": "1.4.2",
        "windowStart": "2026-11-26T10:00:00Z",
        "windowEnd": "2026-11-26T10:05:00Z",
        "endpoints": [
          {"route": "/orders/{id}", "method": "GET", "requests": 12840, "errors": 12,
           "timeouts": 3, "p50Ms": 18.5, "p95Ms": 120.0, "p99Ms": 340.2},
          {"route": "/orders", "method": "POST", "requests": 2210,
           "p50Ms": 45.0, "p95Ms": 210.0, "p99Ms": 600.0}
        ]
      }
      """;

  static final String QUERY_STATS_EXAMPLE =
      """
      {
        "eventId": "9b2d5c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
        "service": "checkout",
        "environment": "prod",
        "version": "1.4.2",
        "windowStart": "2026-11-26T10:00:00Z",
        "windowEnd": "2026-11-26T10:05:00Z",
        "queries": [
          {"query": "SELECT * FROM orders WHERE customer_id = $1", "database": "shop",
           "calls": 48210, "totalMs": 96420.0, "meanMs": 2.0, "rows": 48210,
           "sequentialScan": true}
        ]
      }
      """;

  static final String RESOURCES_EXAMPLE =
      """
      {
        "eventId": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
        "service": "checkout",
        "environment": "prod",
        "version": "1.4.2",
        "instance": "checkout-7d9f-abcde",
        "samples": [
          {"time": "2026-11-26T10:00:00Z", "cpuPercent": 73.5, "heapUsedMb": 512.0,
           "heapAfterGcMb": 301.2, "rssMb": 780.4,
           "dbConnectionsActive": 8, "dbConnectionsMax": 10, "dbConnectionsPending": 2},
          {"time": "2026-11-26T10:00:15Z", "cpuPercent": 68.0, "heapAfterGcMb": 305.9}
        ]
      }
      """;

  static final String FUNCTIONALITY_EXAMPLE =
      """
      {
        "eventId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "service": "checkout",
        "environment": "staging",
        "version": "1.4.3",
        "timestamp": "2026-11-26T11:05:00Z",
        "checks": [
          {"name": "list-orders", "passed": true},
          {"name": "place-order", "passed": false, "detail": "POST /orders answered 500"}
        ]
      }
      """;

  private final IngestService ingest;

  public ReportsResource(IngestService ingest) {
    this.ingest = ingest;
  }

  @POST
  @Path("startup")
  @Operation(summary = "Report how a start went", description = RETRY_NOTE)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StartupReportRequest.class),
              examples = @ExampleObject(name = "cold start", value = STARTUP_EXAMPLE)))
  public Response startup(byte[] body, @Context ContainerRequestContext request) {
    return accept(IngestKind.STARTUP, StartupReportRequest.class, body, request);
  }

  @POST
  @Path("endpoint-stats")
  @Operation(summary = "Report per-route latency and outcomes", description = RETRY_NOTE)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EndpointStatsRequest.class),
              examples = @ExampleObject(name = "five minutes", value = ENDPOINT_STATS_EXAMPLE)))
  public Response endpointStats(byte[] body, @Context ContainerRequestContext request) {
    return accept(IngestKind.ENDPOINT_STATS, EndpointStatsRequest.class, body, request);
  }

  @POST
  @Path("query-stats")
  @Operation(
      summary = "Report database query statistics (e.g. from pg_stat_statements)",
      description = RETRY_NOTE)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = QueryStatsRequest.class),
              examples = @ExampleObject(name = "pg_stat_statements", value = QUERY_STATS_EXAMPLE)))
  public Response queryStats(byte[] body, @Context ContainerRequestContext request) {
    return accept(IngestKind.QUERY_STATS, QueryStatsRequest.class, body, request);
  }

  @POST
  @Path("resources")
  @Operation(summary = "Report CPU, memory and connection-pool samples", description = RETRY_NOTE)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ResourcesRequest.class),
              examples = @ExampleObject(name = "two samples", value = RESOURCES_EXAMPLE)))
  public Response resources(byte[] body, @Context ContainerRequestContext request) {
    return accept(IngestKind.RESOURCES, ResourcesRequest.class, body, request);
  }

  @POST
  @Path("functionality")
  @Operation(summary = "Report the results of functional checks", description = RETRY_NOTE)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = FunctionalityRequest.class),
              examples = @ExampleObject(name = "smoke tests", value = FUNCTIONALITY_EXAMPLE)))
  public Response functionality(byte[] body, @Context ContainerRequestContext request) {
    return accept(IngestKind.FUNCTIONALITY, FunctionalityRequest.class, body, request);
  }

  private Response accept(
      IngestKind kind,
      Class<? extends ReportRequest> type,
      byte[] body,
      ContainerRequestContext request) {
    UUID id =
        ingest.acceptReport(
            kind,
            AuthFilter.tenantOf(request),
            body,
            ContentEncodings.isGzip(request.getHeaderString(HttpHeaders.CONTENT_ENCODING)),
            type);
    return Response.accepted(new Accepted(id)).build();
  }
}
