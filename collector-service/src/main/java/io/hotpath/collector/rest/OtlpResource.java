package io.hotpath.collector.rest;

import com.google.protobuf.Message;
import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.otlp.OtlpCodec;
import io.hotpath.collector.ingest.otlp.OtlpEncoding;
import io.hotpath.collector.service.BodyTooLargeException;
import io.hotpath.collector.service.IngestService;
import io.hotpath.collector.service.OtlpOutcome;
import io.hotpath.collector.service.PublishUnavailableException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OTLP/HTTP, so an OpenTelemetry SDK, agent or Collector exports here by changing only its
 * endpoint. Answers as the OTLP specification says: 200 with an {@code Export*ServiceResponse}
 * (with {@code partial_success} when spans or points were refused) in the request's encoding, and a
 * {@code google.rpc.Status} in that encoding for 400, 413 and 503. A missing token (401), a
 * Content-Type other than protobuf or JSON (415) and a {@code Content-Length} over the limit (413,
 * refused before reading) are answered before the encoding is known, with a problem document. The
 * refusals are the same for traces and metrics, so they are documented once, on the class.
 */
@APIResponse(
    responseCode = "400",
    description = "Undecodable body: a google.rpc.Status in the request's Content-Type")
@APIResponse(responseCode = "401", description = "Missing or unknown token (problem+json)")
@APIResponse(
    responseCode = "413",
    description =
        "Body over hotpath.collector.max-body-bytes, or inflating past"
            + " hotpath.collector.max-decompressed-bytes")
@APIResponse(
    responseCode = "415",
    description = "Content-Type other than application/x-protobuf or application/json")
@APIResponse(
    responseCode = "503",
    description = "Kafka did not acknowledge; retry after Retry-After seconds")
@Path("/v1")
@Tag(name = "otlp", description = "OpenTelemetry Protocol over HTTP")
@SecurityRequirement(name = "token")
// Conversion costs milliseconds of CPU for big bodies: on a worker thread, not the event loop.
// The worker also waits for Kafka's acknowledgement and writes the answer itself: an answer
// resumed on the producer's thread now and then found the request context gone (a 500).
@Blocking
public class OtlpResource {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  /** {@code google.rpc.Code} values; OTLP clients do not act on them but may log them. */
  private static final int INVALID_ARGUMENT = 3;

  private static final int RESOURCE_EXHAUSTED = 8;
  private static final int UNAVAILABLE = 14;

  private final IngestService ingest;
  private final CollectorConfig config;

  public OtlpResource(IngestService ingest, CollectorConfig config) {
    this.ingest = ingest;
    this.config = config;
  }

  @POST
  @Path("/traces")
  @Consumes({PROTOBUF, JSON})
  @Operation(
      summary = "Export spans (OTLP/HTTP)",
      description =
          "An ExportTraceServiceRequest, binary protobuf or OTLP JSON (hex ids, integer enums),"
              + " optionally Content-Encoding: gzip. One SpansReceived per resource goes to"
              + " hotpath.telemetry.traces.v1, keyed tenant/service. 200 only after Kafka"
              + " acknowledged all of them.")
  @RequestBody(
      required = true,
      content = {@Content(mediaType = PROTOBUF), @Content(mediaType = JSON)})
  @APIResponse(
      responseCode = "200",
      description =
          "ExportTraceServiceResponse in the request's Content-Type; partial_success.rejected_spans"
              + " and error_message when some spans were refused (for example no service.name)",
      content = {@Content(mediaType = PROTOBUF), @Content(mediaType = JSON)})
  public Response traces(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @Context ContainerRequestContext request) {
    OtlpEncoding encoding = encodingOf(request);
    boolean gzipped = ContentEncodings.isGzip(contentEncoding);
    return answer(
        () -> ingest.acceptTraces(AuthFilter.tenantOf(request), body, encoding, gzipped),
        encoding,
        outcome -> {
          ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
          if (outcome.isPartial()) {
            response.setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(outcome.rejected())
                    .setErrorMessage(outcome.errorMessage()));
          }
          return response.build();
        });
  }

  @POST
  @Path("/metrics")
  @Consumes({PROTOBUF, JSON})
  @Operation(
      summary = "Export metrics (OTLP/HTTP)",
      description =
          "An ExportMetricsServiceRequest, binary protobuf or OTLP JSON, optionally gzip. Gauges,"
              + " sums, histograms and exponential histograms (converted to explicit bounds); one"
              + " MetricsReceived per resource goes to hotpath.telemetry.metrics.v1. Summary points"
              + " are refused and counted in partial_success.")
  @RequestBody(
      required = true,
      content = {@Content(mediaType = PROTOBUF), @Content(mediaType = JSON)})
  @APIResponse(
      responseCode = "200",
      description =
          "ExportMetricsServiceResponse in the request's Content-Type; partial_success"
              + ".rejected_data_points and error_message when some points were refused",
      content = {@Content(mediaType = PROTOBUF), @Content(mediaType = JSON)})
  public Response metrics(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @Context ContainerRequestContext request) {
    OtlpEncoding encoding = encodingOf(request);
    boolean gzipped = ContentEncodings.isGzip(contentEncoding);
    return answer(
        () -> ingest.acceptMetrics(AuthFilter.tenantOf(request), body, encoding, gzipped),
        encoding,
        outcome -> {
          ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
          if (outcome.isPartial()) {
            response.setPartialSuccess(
                ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(outcome.rejected())
                    .setErrorMessage(outcome.errorMessage()));
          }
          return response.build();
        });
  }

  private Response answer(
      Supplier<OtlpOutcome> accept, OtlpEncoding encoding, Function<OtlpOutcome, Message> toBody) {
    OtlpOutcome outcome;
    try {
      outcome = accept.get();
    } catch (InvalidRequestException | BodyTooLargeException | PublishUnavailableException e) {
      return failure(e, encoding);
    }
    return Response.ok(OtlpCodec.write(toBody.apply(outcome), encoding), encoding.mediaType())
        .build();
  }

  /** The {@code google.rpc.Status} answer OTLP/HTTP requires for a 4xx or 5xx. */
  private Response failure(Throwable failure, OtlpEncoding encoding) {
    if (failure instanceof InvalidRequestException invalid) {
      return status(400, INVALID_ARGUMENT, invalid.getMessage(), encoding).build();
    }
    if (failure instanceof BodyTooLargeException tooLarge) {
      return status(413, RESOURCE_EXHAUSTED, tooLarge.getMessage(), encoding).build();
    }
    long seconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
    return status(
            503,
            UNAVAILABLE,
            "the export was not stored (Kafka did not acknowledge); retry after " + seconds + " s",
            encoding)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .build();
  }

  private static Response.ResponseBuilder status(
      int httpStatus, int grpcCode, String message, OtlpEncoding encoding) {
    return Response.status(httpStatus)
        .entity(OtlpCodec.status(grpcCode, message, encoding))
        .type(encoding.mediaType());
  }

  private static OtlpEncoding encodingOf(ContainerRequestContext request) {
    // @Consumes already narrowed the type to the two encodings; this only maps it.
    return OtlpEncoding.ofContentType(request.getHeaderString(HttpHeaders.CONTENT_TYPE))
        .orElseThrow(() -> unsupported("Content-Type must be " + PROTOBUF + " or " + JSON));
  }

  private static NotSupportedException unsupported(String detail) {
    // The 415 mapper in ProblemMappers counts the rejection.
    return new NotSupportedException(detail);
  }
}
