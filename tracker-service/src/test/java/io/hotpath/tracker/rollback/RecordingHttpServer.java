package io.hotpath.tracker.rollback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server (the JDK's) standing in for a flag service or a rollback webhook: it records
 * every request and answers 200, or the answers queued for a path.
 */
public final class RecordingHttpServer implements AutoCloseable {
  /** One request as received. */
  public record Request(String method, String uri, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  private record Answer(int status, String body) {}

  /** GET this path for the requests received so far, as JSON. */
  public static final String RECORDED = "/__recorded";

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();

  private RecordingHttpServer(HttpServer server) {
    this.server = server;
  }

  public static RecordingHttpServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RecordingHttpServer recording = new RecordingHttpServer(server);
      server.createContext("/", recording::handle);
      server.start();
      return recording;
    } catch (IOException failure) {
      throw new IllegalStateException("cannot start the test HTTP server", failure);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The next request to {@code path} gets this answer (queued after earlier ones). */
  public void answer(String path, int status, String body) {
    queued.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Answer(status, body));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests whose path (without the query) is {@code path}. */
  public List<Request> requestsTo(String path) {
    return requests.stream().filter(r -> r.uri().split("\\?")[0].equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawPath().equals(RECORDED)) {
      // What was received, for tests that do not share this object (another class loader).
      byte[] out = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(requests());
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
      return;
    }
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Deque<Answer> answers = queued.get(path);
    Answer answer = null;
    if (answers != null) {
      synchronized (answers) {
        answer = answers.poll();
      }
    }
    if (answer == null) {
      answer = new Answer(200, "{\"ok\":true}");
    }
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
