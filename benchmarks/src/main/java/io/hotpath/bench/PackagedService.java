package io.hotpath.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Hotpath service ({@code quarkus-run.jar}) as its own process in the prod profile, on a
 * free loopback port, its output in a log file, Kafka from {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
final class PackagedService implements AutoCloseable {
  private final String name;
  private final Process process;

  /** Ports given to services by this JVM. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private final int port;
  private final Path log;
  private final long startedNanos;

  private PackagedService(String name, Process process, int port, Path log, long startedNanos) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  /**
   * @param jvmOptions options before {@code -jar}
   * @param jfr where a JFR recording of the whole run goes; null for none
   * @param properties {@code -D} options for the service, each {@code key=value}
   */
  static PackagedService start(
      String name,
      Path jar,
      List<String> jvmOptions,
      Path jfr,
      List<String> properties,
      String bootstrap,
      Path log)
      throws IOException {
    return start(
        name,
        FleetOptions.THIS_JAVA,
        jar,
        jvmOptions,
        jfr,
        properties,
        Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap),
        log);
  }

  /**
   * @param java the {@code java} executable that runs it
   * @param env the environment's additions: {@code KAFKA_BOOTSTRAP_SERVERS}, and for the tracker
   *     {@code HOTPATH_DB_*}
   */
  static PackagedService start(
      String name,
      Path java,
      Path jar,
      List<String> jvmOptions,
      Path jfr,
      List<String> properties,
      Map<String, String> env,
      Path log)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    if (jfr != null) {
      // Hibernate Reactive and Mutiny chains run deeper than JFR's default 64 frames; without
      // the callers a sample cannot be attributed to the query or the handler that caused it.
      command.add("-XX:FlightRecorderOptions=stackdepth=256");
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + jfr.toAbsolutePath());
    }
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    for (String property : properties) {
      command.add("-D" + property);
    }
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long startedNanos = System.nanoTime();
    return new PackagedService(name, builder.start(), port, log, startedNanos);
  }

  /**
   * Waits until {@code /q/health/ready} answers 200; closes the process if it never does.
   *
   * @return milliseconds from the process start to the first 200
   */
  long awaitReady(Duration timeout) throws Exception {
    try {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the " + name + " exited during start; see " + log);
        }
        try {
          HttpResponse<Void> ready =
              http.send(
                  HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (ready.statusCode() == 200) {
            long readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
            System.out.printf(
                Locale.ROOT,
                "%s ready %d ms after its start (pid %d, port %d)%n",
                name,
                readyMillis,
                process.pid(),
                port);
            return readyMillis;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException(
          "the " + name + " was not ready in " + timeout + "; see " + log);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Milliseconds since the process was started. */
  long millisSinceStart() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  String name() {
    return name;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(20));
  }

  /**
   * SIGTERM, then waits up to {@code grace} for the process to exit before killing it (a JVM
   * writing its AOT cache as it exits needs tens of seconds).
   */
  void close(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A loopback port free now and not handed to another service of this run: the kernel may hand a
   * port it just released to the next request, and the services of a run start together. A run once
   * found its collector's port in use at start, while something else on that port answered the
   * collector's readiness checks.
   */
  private static synchronized int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
