package io.hotpath.collector.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program from the test classes, run in its own JVM under a real agent, its output in a log file
 * under {@code target/agent-logs}. Closing it stops the JVM (its shutdown hooks run, so the agent
 * flushes).
 */
public final class AgentProcess implements AutoCloseable {
  /** Where the build copies the agents and the programs' libraries (see the module's pom). */
  public static final Path AGENTS = Path.of("target", "agents").toAbsolutePath();

  private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();

  private final Process process;
  private final Path log;

  private AgentProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code main} with the given JVM options (the {@code -javaagent} among them), extra
   * environment and arguments; the classpath is the test classes plus {@code libraries} from {@link
   * #AGENTS}.
   */
  public static AgentProcess start(
      String name,
      Class<?> main,
      List<String> jvmOptions,
      Map<String, String> environment,
      List<String> libraries,
      String... args)
      throws IOException {
    List<String> classpath = new ArrayList<>(List.of(TEST_CLASSES.toString()));
    for (String library : libraries) {
      classpath.add(AGENTS.resolve(library).toString());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classpath));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path logs = Files.createDirectories(Path.of("target", "agent-logs"));
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new AgentProcess(builder.start(), log);
  }

  /** The agent's path in {@link #AGENTS}, checked to exist so a missing copy fails clearly. */
  public static Path agent(String fileName) {
    Path agent = AGENTS.resolve(fileName);
    if (!Files.isRegularFile(agent)) {
      throw new IllegalStateException(
          agent + " is missing: run the build's generate-test-resources");
    }
    return agent;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The program's and its agent's output so far, for a failure message. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
