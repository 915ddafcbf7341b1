package io.hotpath.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack (Kafka in KRaft mode and PostgreSQL) as its own process, as {@code bin/hotpath
 * up} runs it, so the broker's CPU and memory are its own and not the load generator's. Its
 * addresses come from the env file it writes once ready.
 */
final class FleetStack implements AutoCloseable {
  private final Process process;
  private final Map<String, String> env;

  private FleetStack(Process process, Map<String, String> env) {
    this.process = process;
    this.env = env;
  }

  /**
   * Starts {@code local-stack/target/hotpath-local-stack-*-runner.jar} when built, else {@code
   * LocalStackMain} from this JVM's class path (local-stack is a dependency of this module).
   */
  static FleetStack start(Path root, Path dir) throws Exception {
    Path envFile = dir.resolve("stack.env").toAbsolutePath();
    Files.deleteIfExists(envFile);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    Path runner = runnerJar(root);
    if (runner != null) {
      command.add("-jar");
      command.add(runner.toAbsolutePath().toString());
    } else {
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("io.hotpath.localstack.LocalStackMain");
    }
    command.addAll(
        List.of("--kafka-port", "0", "--postgres-port", "0", "--env-file", envFile.toString()));
    Path log = dir.resolve("local-stack.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.isRegularFile(envFile)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the local stack exited during start; see " + log);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the local stack was not ready in 120 s; see " + log);
      }
      Thread.sleep(200);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new FleetStack(process, env);
  }

  private static Path runnerJar(Path root) throws IOException {
    Path target = root.resolve("local-stack/target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(target, "hotpath-local-stack-*-runner.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    return null;
  }

  /** {@code KAFKA_BOOTSTRAP_SERVERS} and {@code HOTPATH_DB_*}, for the services' environment. */
  Map<String, String> env() {
    return env;
  }

  String bootstrapServers() {
    return env.get("KAFKA_BOOTSTRAP_SERVERS");
  }

  int postgresPort() {
    String url = env.get("HOTPATH_DB_JDBC_URL"); // jdbc:postgresql://127.0.0.1:PORT/postgres
    String hostPort = url.substring(url.indexOf("//") + 2, url.indexOf('/', url.indexOf("//") + 2));
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM: the stack stops both servers and deletes their data. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
