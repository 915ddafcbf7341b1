package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.service.BodyTooLargeException;
import io.hotpath.collector.service.ForbiddenTenantException;
import io.hotpath.collector.service.IngestKind;
import io.hotpath.collector.service.IngestMetrics;
import io.hotpath.collector.service.PublishUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure a resource can end with to a problem document, so an agent always learns what
 * was wrong and where, in one format.
 */
public class ProblemMappers {
  private final CollectorConfig config;
  private final IngestMetrics metrics;

  public ProblemMappers(CollectorConfig config, IngestMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @ServerExceptionMapper
  public Response invalid(InvalidRequestException e, UriInfo uri) {
    return Problem.of("invalid-body", "Invalid request body", 400, e.getMessage(), path(uri))
        .withErrors(
            e.violations().stream()
                .map(
                    v ->
                        v.parameter() != null
                            ? Problem.Error.parameter(v.parameter(), v.detail())
                            : Problem.Error.pointer(v.pointer(), v.detail()))
                .toList())
        .toResponse()
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenTenantException e, UriInfo uri) {
    return Problem.of("forbidden", "Forbidden", 403, e.getMessage(), path(uri))
        .toResponse()
        .build();
  }

  @ServerExceptionMapper
  public Response tooLarge(BodyTooLargeException e, UriInfo uri) {
    return Problem.of("body-too-large", "Request body too large", 413, e.getMessage(), path(uri))
        .toResponse()
        .build();
  }

  @ServerExceptionMapper
  public Response unavailable(PublishUnavailableException e, UriInfo uri) {
    long seconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
    return Problem.of(
            "kafka-unavailable",
            "Service unavailable",
            503,
            "the event was not stored; retry with the same eventId after " + seconds + " s",
            path(uri))
        .toResponse()
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .build();
  }

  /** 404, 405, 406, 415 and the like, which JAX-RS raises before a resource runs. */
  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      return original;
    }
    if (status == 415) {
      metrics.rejected(IngestKind.ofPath(path(uri)), IngestMetrics.Reason.UNSUPPORTED_MEDIA_TYPE);
    }
    Response.StatusType info = original.getStatusInfo();
    String kind = info.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    return Problem.of(kind, info.getReasonPhrase(), status, e.getMessage(), path(uri))
        .toResponseReplacing(original)
        .build();
  }

  private static String path(UriInfo uri) {
    String path = uri.getPath();
    return path.startsWith("/") ? path : "/" + path;
  }
}
