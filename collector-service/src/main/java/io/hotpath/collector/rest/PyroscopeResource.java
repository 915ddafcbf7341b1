package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.collector.ingest.pyroscope.PyroscopeIngest;
import io.hotpath.collector.service.IngestService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Pyroscope's {@code POST /ingest}, so a Pyroscope agent (or anything that pushes folded stacks to
 * Pyroscope) sends here by changing only its server address; the token goes in Basic auth as the
 * password, or as a Bearer token. Answers 200 with an empty body, as Pyroscope does, once Kafka
 * acknowledged the profile.
 */
@Path("/ingest")
@Tag(name = "pyroscope", description = "Pyroscope-compatible profile ingest")
@SecurityRequirement(name = "token")
public class PyroscopeResource {
  static final String FOLDED_EXAMPLE =
      """
      main;com.shop.Checkout.handle;com.shop.Prices.compute 87
      main;com.shop.Checkout.handle;org.postgresql.jdbc.PgStatement.execute 12
      main;com.shop.Checkout.render 4
      """;

  private final IngestService ingest;

  public PyroscopeResource(IngestService ingest) {
    this.ingest = ingest;
  }

  @POST
  // pprof and JFR are inflated and parsed, JFR through a temporary file: not on the event loop.
  // The worker waits for Kafka's acknowledgement and answers itself (see ReportsResource).
  @Blocking
  @Operation(
      summary = "Push a profile (Pyroscope /ingest)",
      description =
          "format=folded (default; 'frame;frame;frame count' a line, root first) or lines (one"
              + " stack a line, one sample each) or pprof (raw, or the 'profile' part of a"
              + " multipart/form-data body) or jfr (raw, or the 'jfr' part), gzipped or not. Each"
              + " profile (JFR: CPU or wall, allocations, locks)"
              + " becomes one ProfileCaptured on hotpath.telemetry.profiles.v1, keyed"
              + " tenant/service; 200 only after Kafka acknowledged it.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "text/plain",
              examples = @ExampleObject(name = "folded", value = FOLDED_EXAMPLE)))
  @APIResponse(responseCode = "200", description = "Stored in Kafka (or the body held no samples)")
  @APIResponse(
      responseCode = "400",
      description = "A bad query parameter, or bad lines of the body, each named by its number",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "401",
      description = "Missing or unknown token",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "403",
      description = "X-Scope-OrgID or a tenant label names another tenant than the token's",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "413",
      description =
          "Body over max-body-bytes, or a gzip body inflating past max-decompressed-bytes",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "415",
      description = "A Content-Encoding other than gzip",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "Kafka did not take the profile; retry after Retry-After seconds",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response ingest(
      @Parameter(
              description = "app.sampleType{label=value,...}",
              example = "checkout.cpu{env=prod}")
          @QueryParam("name")
          String name,
      @Parameter(description = "Unix time in s, ms, µs or ns; default: now") @QueryParam("from")
          String from,
      @Parameter(description = "Unix time in s, ms, µs or ns; default: now") @QueryParam("until")
          String until,
      @Parameter(description = "folded (default), lines, pprof, jfr") @QueryParam("format")
          String format,
      @Parameter(description = "Hz; default 100") @QueryParam("sampleRate") String sampleRate,
      @QueryParam("spyName") String spyName,
      @Parameter(description = "samples (default), objects, bytes, lock_samples, lock_nanoseconds")
          @QueryParam("units")
          String units,
      @Parameter(description = "sum (default) or average") @QueryParam("aggregationType")
          String aggregationType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body,
      @Context ContainerRequestContext request) {
    PyroscopeIngest upload =
        new PyroscopeIngest(
            name, from, until, format, sampleRate, spyName, units, aggregationType, contentType);
    ingest.acceptProfile(
        AuthFilter.tenantOf(request), upload, body, ContentEncodings.isGzip(contentEncoding));
    return Response.ok().build();
  }
}
