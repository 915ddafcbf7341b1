package io.hotpath.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Hotpath service running as its own OS process, as it runs in production. */
final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code <root>/<name>-service/target/quarkus-app/quarkus-run.jar} in the prod profile,
   * with infrastructure addresses from the environment, as DESIGN.md prescribes for %prod.
   */
  static ServiceProcess start(
      Path root, String name, Map<String, String> env, List<String> systemProperties, Path logs) {
    Path jar = root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: package the services first (mvn package)");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // As bin/hotpath: the heap grows from 64 MB instead of being committed whole.
    command.add("-Xms64m");
    command.add("-XX:+UseSerialGC");
    // Tests start many services and run briefly: C1 only starts faster (bin/hotpath keeps C2).
    command.add("-XX:TieredStopAtLevel=1");
    // Loopback only: a test run never exposes services to the network.
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(systemProperties);
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .directory(logs.toFile());
      builder.environment().putAll(env);
      return new ServiceProcess(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The end of the service's log, for a failure message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
