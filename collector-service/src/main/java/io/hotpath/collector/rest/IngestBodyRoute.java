package io.hotpath.collector.rest;

import io.hotpath.collector.service.IngestKind;
import io.hotpath.collector.service.IngestMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads an ingest body whole on the event loop, before the resource method runs on a worker.
 *
 * <p>The ingest resources are {@code @Blocking}, and a blocking method's body is otherwise read
 * through a stream the worker waits on while the event loop hands it chunks, both synchronized on
 * the HTTP connection. Under a fleet's load that hand-over was a third of the collector's CPU
 * samples, spent spinning for the monitor. Once the body is in the routing context, RESTEasy
 * Reactive hands the resource the bytes with no hand-over.
 *
 * <p>Only for HTTP/1.x: an HTTP/2 request (an h2c upgrade, as the JDK's HTTP client makes by
 * default) is read by RESTEasy Reactive as before.
 *
 * <p>Runs after Quarkus' own size check, so a body that announces its length has already been held
 * to {@code quarkus.http.limits.max-body-size}; a chunked body is held to it here, with a problem
 * document instead of a bare 413. The smaller {@code hotpath.collector.max-body-bytes} is still
 * checked by the ingest service, which answers in the protocol's own error format.
 */
@ApplicationScoped
public class IngestBodyRoute {
  /** Quarkus' default for {@code quarkus.http.limits.max-body-size}. */
  private static final long DEFAULT_BACKSTOP = 10L * 1024 * 1024;

  /** A chunked body starts with this much room; a body with a length gets exactly its length. */
  private static final int CHUNKED_INITIAL_BYTES = 16 * 1024;

  private final IngestMetrics metrics;
  private final long backstop;

  public IngestBodyRoute(IngestMetrics metrics) {
    this.metrics = metrics;
    this.backstop =
        BodyLimitRoute.serverLimit().map(MemorySize::asLongValue).orElse(DEFAULT_BACKSTOP);
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::read);
  }

  private void read(RoutingContext context) {
    HttpServerRequest request = context.request();
    // HTTP/1.x only: RESTEasy Reactive pauses the request when it takes over, which HTTP/2 refuses
    // once the request has ended ("Request has already been read"), and an HTTP/2 stream has no
    // connection-wide monitor to spin on.
    if (request.method() != HttpMethod.POST
        || request.version() == HttpVersion.HTTP_2
        || request.isEnded()
        || IngestKind.ofPath(request.path()) == IngestKind.OTHER) {
      context.next();
      return;
    }
    new BodyReader(context, request).start();
  }

  /** One request's body, gathered chunk by chunk on the event loop. */
  private final class BodyReader {
    private final RoutingContext context;
    private final HttpServerRequest request;
    private Buffer body;
    private boolean refused;

    BodyReader(RoutingContext context, HttpServerRequest request) {
      this.context = context;
      this.request = request;
    }

    void start() {
      body = Buffer.buffer(initialCapacity(request.getHeader(HttpHeaders.CONTENT_LENGTH)));
      request.handler(this::append);
      request.exceptionHandler(this::fail);
      request.endHandler(ignored -> finish());
      request.resume();
    }

    private void append(Buffer chunk) {
      if (refused) {
        return;
      }
      if ((long) body.length() + chunk.length() > backstop) {
        refuse();
        return;
      }
      body.appendBuffer(chunk);
    }

    private void finish() {
      if (refused) {
        return;
      }
      context.setBody(body);
      context.next();
    }

    private void fail(Throwable failure) {
      if (!refused && !context.failed() && !context.response().ended()) {
        refused = true;
        context.fail(failure);
      }
    }

    private void refuse() {
      refused = true;
      body = null;
      BodyLimitRoute.refuse(context, metrics, backstop);
    }
  }

  private int initialCapacity(String contentLength) {
    if (contentLength != null) {
      try {
        long length = Long.parseLong(contentLength.trim());
        if (length >= 0 && length <= backstop) {
          return (int) length;
        }
      } catch (NumberFormatException e) {
        // The HTTP codec refuses a malformed length; start as if chunked.
      }
    }
    return CHUNKED_INITIAL_BYTES;
  }
}
