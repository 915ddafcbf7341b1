package io.hotpath.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the local stack on its own until SIGTERM or SIGINT (used by {@code bin/hotpath up}).
 *
 * <pre>
 * java -jar hotpath-local-stack-runner.jar [--kafka-port N] [--postgres-port N] [--no-kafka]
 *     [--no-postgres] [--env-file PATH]
 * </pre>
 *
 * Defaults: Kafka on 9092 and PostgreSQL on 5432, each falling back to a free port when busy (an
 * explicit port that is busy is an error; 0 always picks a free one). With {@code --env-file} the
 * addresses are written there for other processes to source, and the file is deleted on stop.
 */
public final class LocalStackMain {

  static final int DEFAULT_KAFKA_PORT = 9092;
  static final int DEFAULT_POSTGRES_PORT = 5432;

  private static final String USAGE =
      """
      usage: java -jar hotpath-local-stack-runner.jar [options]
        --kafka-port N     Kafka port (default 9092, a free port if busy; 0 = any free port)
        --postgres-port N  PostgreSQL port (default 5432, a free port if busy; 0 = any free port)
        --no-kafka         do not start Kafka
        --no-postgres      do not start PostgreSQL
        --env-file PATH    write KAFKA_BOOTSTRAP_SERVERS and HOTPATH_DB_* there once ready;
                           deleted on stop
      Runs until SIGTERM or SIGINT (Ctrl-C), then stops both servers and deletes their data.""";

  private LocalStackMain() {}

  /** Parsed command line. */
  record Options(
      boolean kafka,
      int kafkaPort,
      boolean kafkaPortExplicit,
      boolean postgres,
      int postgresPort,
      boolean postgresPortExplicit,
      Path envFile) {

    static Options parse(String... args) {
      boolean kafka = true;
      boolean postgres = true;
      Integer kafkaPort = null;
      Integer postgresPort = null;
      Path envFile = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--kafka-port" -> kafkaPort = port(arg, value(args, ++i, arg));
          case "--postgres-port" -> postgresPort = port(arg, value(args, ++i, arg));
          case "--env-file" -> envFile = Path.of(value(args, ++i, arg));
          case "--no-kafka" -> kafka = false;
          case "--no-postgres" -> postgres = false;
          default -> throw new IllegalArgumentException("unknown option: " + arg);
        }
      }
      if (!kafka && !postgres) {
        throw new IllegalArgumentException("--no-kafka and --no-postgres leave nothing to run");
      }
      return new Options(
          kafka,
          kafkaPort == null ? DEFAULT_KAFKA_PORT : kafkaPort,
          kafkaPort != null,
          postgres,
          postgresPort == null ? DEFAULT_POSTGRES_PORT : postgresPort,
          postgresPort != null,
          envFile);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int port(String option, String value) {
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " needs a port (0-65535), got " + value);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    configureLogging();

    LocalStack stack =
        LocalStack.builder()
            .kafka(options.kafka())
            .postgres(options.postgres())
            .kafkaPort(
                choosePort(options.kafka(), options.kafkaPort(), options.kafkaPortExplicit()))
            .postgresPort(
                choosePort(
                    options.postgres(), options.postgresPort(), options.postgresPortExplicit()))
            .build();
    Path envFile = options.envFile();
    AtomicBoolean ready = new AtomicBoolean();
    // Runs alongside LocalStack's own hook; close() is idempotent and waits for a close in flight.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  deleteQuietly(envFile);
                  if (ready.get()) {
                    System.out.println("local stack stopped");
                  }
                },
                "hotpath-local-stack-main-shutdown"));
    long begin = System.nanoTime();
    try {
      stack.start();
      if (envFile != null) {
        writeEnvFile(envFile, stack);
      }
    } catch (RuntimeException | IOException e) {
      System.err.println("local stack failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    ready.set(true);
    printReady(System.out, stack, envFile, (System.nanoTime() - begin) / 1_000_000);
    new CountDownLatch(1).await();
  }

  /**
   * Kafka and zonky log through SLF4J: route it to java.util.logging (see {@link Slf4jToJul}), one
   * line per record. Runs before anything logs; a property given on the command line wins.
   */
  private static void configureLogging() {
    setIfAbsent("slf4j.provider", Slf4jToJul.class.getName());
    setIfAbsent("slf4j.internal.verbosity", "WARN");
    setIfAbsent("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The default port when free, else a free one; an explicit port is taken as is. */
  static int choosePort(boolean enabled, int port, boolean explicit) {
    if (!enabled || explicit || port == 0 || LocalStack.isFree(port)) {
      return port;
    }
    System.out.println("port " + port + " is busy; using a free port instead");
    return 0;
  }

  /** The env file's lines, for {@code source} in a shell or {@code --env-file} in docker. */
  static List<String> envLines(LocalStack stack) {
    List<String> lines = new ArrayList<>();
    if (stack.kafkaEnabled()) {
      lines.add("KAFKA_BOOTSTRAP_SERVERS=" + stack.bootstrapServers());
    }
    if (stack.postgresEnabled()) {
      lines.add("HOTPATH_DB_JDBC_URL=" + stack.jdbcUrl());
      lines.add("HOTPATH_DB_REACTIVE_URL=" + stack.reactiveUrl());
      lines.add("HOTPATH_DB_USER=" + stack.username());
      lines.add("HOTPATH_DB_PASSWORD=" + stack.password());
    }
    return lines;
  }

  /** Writes the env file atomically: a reader sees no file or the whole file. */
  static void writeEnvFile(Path envFile, LocalStack stack) throws IOException {
    Path target = envFile.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      Files.write(temp, envLines(stack), StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void printReady(PrintStream out, LocalStack stack, Path envFile, long millis) {
    out.println("local stack ready in " + millis + " ms");
    if (stack.kafkaEnabled()) {
      out.println("  kafka      " + stack.bootstrapServers());
    }
    if (stack.postgresEnabled()) {
      out.println(
          "  postgres   " + stack.jdbcUrl() + " (user " + stack.username() + ", trust auth)");
    }
    if (envFile != null) {
      out.println("  env file   " + envFile.toAbsolutePath());
    }
    out.println("Ctrl-C or SIGTERM stops it.");
    out.flush();
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.err.println("cannot delete " + file + ": " + e);
    }
  }
}
