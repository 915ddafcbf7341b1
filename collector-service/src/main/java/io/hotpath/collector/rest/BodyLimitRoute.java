package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.service.IngestKind;
import io.hotpath.collector.service.IngestMetrics;
import io.hotpath.contracts.json.EventJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses a body whose {@code Content-Length} is over {@code hotpath.collector.max-body-bytes}
 * before a byte of it is read, with a problem document. It runs just before Quarkus's own limit
 * ({@code quarkus.http.limits.max-body-size}), which would answer with an empty 413. Chunked bodies
 * have no length up front; {@code IngestService} checks them once read.
 */
@ApplicationScoped
public class BodyLimitRoute {
  private static final Logger LOG = Logger.getLogger(BodyLimitRoute.class);

  private final CollectorConfig config;
  private final IngestMetrics metrics;

  public BodyLimitRoute(CollectorConfig config, IngestMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  void install(@Observes Router router) {
    serverLimit()
        .filter(backstop -> backstop.asLongValue() < config.maxBodyBytes())
        .ifPresent(
            backstop ->
                LOG.warnf(
                    "quarkus.http.limits.max-body-size (%d bytes) is below"
                        + " hotpath.collector.max-body-bytes (%d): chunked bodies in between get a"
                        + " bare 413 instead of a problem document",
                    backstop.asLongValue(), config.maxBodyBytes()));
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && isOver(length.trim(), config.maxBodyBytes())) {
      refuse(context, metrics, config.maxBodyBytes());
      return;
    }
    context.next();
  }

  /** {@code quarkus.http.limits.max-body-size}, where it is set. */
  static Optional<MemorySize> serverLimit() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class);
  }

  /**
   * Answers 413 with a problem document and closes the connection: the rest of the body would
   * otherwise be read and drained, and closing is cheaper.
   */
  static void refuse(RoutingContext context, IngestMetrics metrics, long limit) {
    String path = context.request().path();
    metrics.rejected(IngestKind.ofPath(path), IngestMetrics.Reason.TOO_LARGE);
    Problem problem =
        Problem.of(
            "body-too-large",
            "Request body too large",
            413,
            "the body is larger than " + limit + " bytes",
            path);
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(EventJson.write(problem));
  }

  private static boolean isOver(String length, long limit) {
    try {
      return Long.parseLong(length) > limit;
    } catch (NumberFormatException e) {
      // A malformed Content-Length is the HTTP codec's business, not this check's.
      return false;
    }
  }
}
