package io.hotpath.tracker.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Real Prometheus and Alertmanager (Debian's packages) as child processes on free loopback ports,
 * with their data in a temp directory, plus a metrics endpoint the test controls. Everything it
 * started is stopped on {@link #close()}.
 */
final class PrometheusProcesses implements AutoCloseable {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  static final Path AMTOOL = Path.of("/usr/bin/amtool");
  private static final Duration READY = Duration.ofMinutes(2);

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private HttpServer metrics;

  PrometheusProcesses() throws IOException {
    this.dir = Files.createTempDirectory("hotpath-prometheus-");
  }

  static boolean installed() {
    return Stream.of(PROMETHEUS, ALERTMANAGER, PROMTOOL, AMTOOL).allMatch(Files::isExecutable);
  }

  /** What a command printed and how it ended. */
  record Result(int exitCode, String output) {}

  /** Runs a short command (promtool, amtool) to its end. */
  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not end");
    }
    return new Result(process.exitValue(), output);
  }

  /** A file of the repository (e.g. {@code deploy/prometheus/hotpath-rules.yml}). */
  static Path repoFile(String relative) {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  Path dir() {
    return dir;
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  /** Serves {@code /metrics} in Prometheus' text format from {@code body}; its port. */
  int serveMetrics(Supplier<String> body) throws IOException {
    metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    metrics.createContext(
        "/metrics",
        exchange -> {
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    metrics.start();
    return metrics.getAddress().getPort();
  }

  /** Starts Alertmanager with this configuration, clustering off; waits until it is ready. */
  void startAlertmanager(Path config, int port) throws IOException {
    Path storage = Files.createDirectories(dir.resolve("alertmanager-data"));
    start(
        "alertmanager",
        List.of(
            ALERTMANAGER.toString(),
            "--config.file=" + config,
            "--storage.path=" + storage,
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address="),
        "http://127.0.0.1:" + port + "/-/ready");
  }

  /** Starts Prometheus with this configuration; waits until it is ready. */
  void startPrometheus(Path config, int port) throws IOException {
    Path storage = Files.createDirectories(dir.resolve("prometheus-data"));
    start(
        "prometheus",
        List.of(
            PROMETHEUS.toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + storage,
            "--web.listen-address=127.0.0.1:" + port),
        "http://127.0.0.1:" + port + "/-/ready");
  }

  private void start(String name, List<String> command, String readyUrl) throws IOException {
    Path log = dir.resolve(name + ".log");
    logs.add(log);
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    processes.add(process);
    try {
      Awaitility.await()
          .atMost(READY)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !process.isAlive() || ok(readyUrl));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(name + " did not become ready:\n" + logTails(), e);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited at startup:\n" + logTails());
    }
  }

  private static boolean ok(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(1000);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines each process logged, to explain a failure. */
  String logTails() {
    StringBuilder tails = new StringBuilder();
    for (Path log : logs) {
      try {
        List<String> lines = Files.readAllLines(log);
        tails.append("--- ").append(log.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(line -> tails.append(line).append('\n'));
      } catch (IOException e) {
        tails.append("--- ").append(log.getFileName()).append(": unreadable\n");
      }
    }
    return tails.toString();
  }

  @Override
  public void close() throws IOException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (metrics != null) {
      metrics.stop(0);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
