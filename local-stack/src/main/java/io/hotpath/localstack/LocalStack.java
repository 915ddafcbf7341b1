package io.hotpath.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, single node, inside this JVM) and a real PostgreSQL (embedded
 * binaries, a child process) on loopback ports, with their data in one temp directory.
 *
 * <p>Both start in parallel. {@link #close()} stops what was started and deletes the data; a JVM
 * shutdown hook calls it too, so a failing test or a killed run never leaves a server behind
 * (except after SIGKILL, which runs no hook).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().postgres(true).build().start()) {
 *   stack.bootstrapServers(); // 127.0.0.1:PORT
 *   stack.jdbcUrl(); // jdbc:postgresql://127.0.0.1:PORT/postgres
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final String DATABASE = "postgres";
  static final String USERNAME = "postgres";
  // PostgreSQL runs with trust auth: any password is accepted; clients still want one.
  static final String PASSWORD = "postgres";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final boolean kafkaEnabled;
  private final boolean postgresEnabled;
  private final int requestedKafkaPort;
  private final int requestedPostgresPort;

  private State state = State.NEW;
  private Path dataDirectory;
  private Thread shutdownHook;
  private volatile Server kafkaServer;
  private volatile EmbeddedPostgres postgres;
  private int kafkaPort;
  private int postgresPort;

  private LocalStack(Builder builder) {
    this.kafkaEnabled = builder.kafka;
    this.postgresEnabled = builder.postgres;
    this.requestedKafkaPort = builder.kafkaPort;
    this.requestedPostgresPort = builder.postgresPort;
  }

  /** Kafka on, PostgreSQL off, free ports. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the enabled servers in parallel and returns when both accept connections.
   *
   * @throws IllegalStateException if a server did not start; whatever had started is stopped
   */
  public synchronized LocalStack start() {
    if (state != State.NEW) {
      throw new IllegalStateException("a LocalStack starts once; this one is " + state);
    }
    QuietLogs.apply();
    long begin = System.nanoTime();
    try {
      dataDirectory = Files.createTempDirectory("hotpath-local-stack-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory", e);
    }
    state = State.STARTED;
    shutdownHook = new Thread(this::close, "hotpath-local-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);

    RuntimeException failure = null;
    ExecutorService pool =
        Executors.newFixedThreadPool(2, daemonThreads("hotpath-local-stack-start"));
    try {
      Future<?> kafkaStart = kafkaEnabled ? pool.submit(callable(this::startKafka)) : null;
      Future<?> postgresStart = postgresEnabled ? pool.submit(callable(this::startPostgres)) : null;
      failure = await("Kafka", kafkaStart, failure);
      failure = await("PostgreSQL", postgresStart, failure);
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      close();
      throw failure;
    }
    LOG.info(
        () ->
            String.format(
                "local stack started in %d ms: %s",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), describe()));
    return this;
  }

  /** {@code 127.0.0.1:PORT} of the Kafka PLAINTEXT listener. */
  public String bootstrapServers() {
    return HOST + ":" + kafkaPort();
  }

  /** Port of the Kafka PLAINTEXT listener. */
  public synchronized int kafkaPort() {
    requireStarted(kafkaEnabled, "Kafka");
    return kafkaPort;
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
  public String jdbcUrl() {
    return "jdbc:" + reactiveUrl();
  }

  /** {@code postgresql://127.0.0.1:PORT/postgres}, the form Quarkus reactive datasources take. */
  public String reactiveUrl() {
    return "postgresql://" + HOST + ":" + postgresPort() + "/" + DATABASE;
  }

  /** Port PostgreSQL listens on. */
  public synchronized int postgresPort() {
    requireStarted(postgresEnabled, "PostgreSQL");
    return postgresPort;
  }

  /** The PostgreSQL superuser. */
  public String username() {
    return USERNAME;
  }

  /** Accepted (trust auth accepts any) and given so clients that insist on one have it. */
  public String password() {
    return PASSWORD;
  }

  /** Whether this stack runs Kafka. */
  public boolean kafkaEnabled() {
    return kafkaEnabled;
  }

  /** Whether this stack runs PostgreSQL. */
  public boolean postgresEnabled() {
    return postgresEnabled;
  }

  /** The temp directory holding Kafka's log dir and PostgreSQL's data dir; gone after close. */
  public synchronized Path dataDirectory() {
    if (dataDirectory == null) {
      throw new IllegalStateException("the local stack has not been started");
    }
    return dataDirectory;
  }

  /**
   * Stops Kafka (shutdown, then await) and PostgreSQL in parallel, then deletes the data directory.
   * Idempotent; never throws: a step that fails is logged and the others still run.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasStarted = state == State.STARTED;
    state = State.CLOSED;
    if (!wasStarted) {
      return;
    }
    Thread kafkaStop = stopper("kafka", this::stopKafka);
    Thread postgresStop = stopper("postgres", this::stopPostgres);
    join(kafkaStop);
    join(postgresStop);
    deleteRecursively(dataDirectory);
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmShuttingDown) {
        // The hook is running or about to; close() is idempotent.
      }
    }
  }

  @Override
  public synchronized String toString() {
    return "LocalStack[" + (state == State.STARTED ? describe() : state) + "]";
  }

  private String describe() {
    List<String> parts = new ArrayList<>();
    if (kafkaEnabled) {
      parts.add("kafka=" + HOST + ":" + kafkaPort);
    }
    if (postgresEnabled) {
      parts.add("postgres=" + HOST + ":" + postgresPort);
    }
    parts.add("data=" + dataDirectory);
    return String.join(", ", parts);
  }

  private void requireStarted(boolean enabled, String what) {
    if (!enabled) {
      throw new IllegalStateException(what + " is not part of this local stack");
    }
    if (state != State.STARTED) {
      throw new IllegalStateException("the local stack is " + state + ", not STARTED");
    }
  }

  private void startKafka() throws Exception {
    int[] ports = choosePorts(requestedKafkaPort, 0);
    kafkaPort = ports[0];
    int controllerPort = ports[1];
    Path logDir = Files.createDirectories(dataDirectory.resolve("kafka"));
    Properties props = kafkaProperties(kafkaPort, controllerPort, logDir);
    Path propsFile = dataDirectory.resolve("kafka-server.properties");
    try (Writer out = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
      props.store(out, "hotpath local stack");
    }
    ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
    int formatted;
    try (PrintStream out = new PrintStream(formatOutput, true, StandardCharsets.UTF_8)) {
      // execute, never main: main calls System.exit.
      formatted =
          StorageTool.execute(
              new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString()
              },
              out);
    }
    if (formatted != 0) {
      throw new IllegalStateException(
          "kafka storage format failed ("
              + formatted
              + "): "
              + formatOutput.toString(StandardCharsets.UTF_8));
    }
    Server server = newKafkaRaftServer(props);
    kafkaServer = server;
    // Returns once the broker is unfenced and serves clients.
    server.startup();
  }

  /**
   * {@code new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM)}, reflectively:
   * KafkaConfig's superclass is in kafka-server, which kafka_2.13 declares at runtime scope, so
   * javac cannot compile a direct call; declaring kafka-server here would need a version of our
   * own, free to drift from the broker version the Quarkus BOM manages.
   */
  private static Server newKafkaRaftServer(Properties props) throws Exception {
    try {
      Class<?> configClass = Class.forName("kafka.server.KafkaConfig");
      Object config =
          configClass
              .getMethod("fromProps", Properties.class, boolean.class)
              .invoke(null, props, false);
      return (Server)
          KafkaRaftServer.class
              .getConstructor(configClass, Time.class)
              .newInstance(config, Time.SYSTEM);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  static Properties kafkaProperties(int port, int controllerPort, Path logDir) {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    props.setProperty(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("log.dirs", logDir.toString());
    props.setProperty("num.partitions", "3");
    props.setProperty("auto.create.topics.enable", "true");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    // One node: every internal topic has one replica.
    for (String key :
        List.of(
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr",
            "share.coordinator.state.topic.replication.factor",
            "share.coordinator.state.topic.min.isr")) {
      props.setProperty(key, "1");
    }
    // Fewer internal partitions: the first consumer group and transaction start much sooner.
    props.setProperty("offsets.topic.num.partitions", "5");
    props.setProperty("transaction.state.log.num.partitions", "5");
    props.setProperty("share.coordinator.state.topic.num.partitions", "5");
    // Two cores: the defaults (3 network, 8 I/O threads) only add contention.
    props.setProperty("num.network.threads", "2");
    props.setProperty("num.io.threads", "2");
    // Idle, the controller wrote a no-op record to its metadata log every 500 ms and the broker
    // heartbeat every 2 s: 0.22 of the 2 cores with no client connected, 0.15 with these.
    props.setProperty("metadata.max.idle.interval.ms", "10000");
    props.setProperty("broker.heartbeat.interval.ms", "5000");
    props.setProperty("broker.session.timeout.ms", "30000");
    return props;
  }

  private void startPostgres() throws IOException {
    postgresPort = choosePorts(requestedPostgresPort)[0];
    postgres =
        EmbeddedPostgres.builder()
            .setPort(postgresPort)
            .setDataDirectory(dataDirectory.resolve("postgres"))
            .setCleanDataDirectory(true)
            // This class owns shutdown: one hook, one order (stop, then delete).
            .setRegisterShutdownHook(false)
            // Only the address the URLs name: a busy port fails the start instead of leaving
            // PostgreSQL on ::1 alone.
            .setServerConfig("listen_addresses", HOST)
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "200")
            .start();
  }

  private void stopKafka() {
    Server server = kafkaServer;
    kafkaServer = null;
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }

  private void stopPostgres() {
    EmbeddedPostgres pg = postgres;
    postgres = null;
    if (pg != null) {
      try {
        pg.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Ports to listen on: each non-zero request as is (if free), each 0 replaced by a port the OS
   * reports free. All sockets stay open until every port is chosen so two zeros never get the same
   * port.
   */
  static int[] choosePorts(int... requested) throws IOException {
    int[] ports = new int[requested.length];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < requested.length; i++) {
        if (requested[i] != 0) {
          // Checked here so a busy port fails in milliseconds with its number, not after
          // PostgreSQL's startup wait or deep inside Kafka's socket server.
          if (!isFree(requested[i])) {
            throw new IllegalStateException(
                "port " + requested[i] + " on " + HOST + " is already in use");
          }
          ports[i] = requested[i];
          continue;
        }
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    return ports;
  }

  /** Whether nothing listens on {@code 127.0.0.1:port} yet. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static RuntimeException await(String what, Future<?> start, RuntimeException failure) {
    if (start == null) {
      return failure;
    }
    Throwable cause;
    try {
      start.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return failure;
    } catch (ExecutionException e) {
      cause = e.getCause();
    } catch (TimeoutException e) {
      start.cancel(true);
      cause = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      start.cancel(true);
      cause = e;
    }
    IllegalStateException error = new IllegalStateException(what + " did not start", cause);
    if (failure == null) {
      return error;
    }
    failure.addSuppressed(error);
    return failure;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static Callable<Void> callable(Step action) {
    return () -> {
      action.run();
      return null;
    };
  }

  private static Thread stopper(String name, Runnable stop) {
    Thread thread =
        new Thread(
            () -> {
              try {
                stop.run();
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping " + name + " failed", e);
              }
            },
            "hotpath-local-stack-stop-" + name);
    thread.start();
    return thread;
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  LOG.log(Level.WARNING, "cannot delete " + path, e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "cannot delete " + root, e);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Options of a {@link LocalStack}; defaults: Kafka on, PostgreSQL off, free ports. */
  public static final class Builder {
    private boolean kafka = true;
    private boolean postgres;
    private int kafkaPort;
    private int postgresPort;

    private Builder() {}

    /** Whether to run a Kafka broker (default true). */
    public Builder kafka(boolean enabled) {
      this.kafka = enabled;
      return this;
    }

    /** Whether to run PostgreSQL (default false). */
    public Builder postgres(boolean enabled) {
      this.postgres = enabled;
      return this;
    }

    /** Kafka PLAINTEXT port; 0 (default) picks a free one. */
    public Builder kafkaPort(int port) {
      this.kafkaPort = checkPort(port);
      return this;
    }

    /** PostgreSQL port; 0 (default) picks a free one. */
    public Builder postgresPort(int port) {
      this.postgresPort = checkPort(port);
      return this;
    }

    /** A stack with these options, not started yet. */
    public LocalStack build() {
      if (!kafka && !postgres) {
        throw new IllegalStateException("a local stack needs Kafka, PostgreSQL or both");
      }
      return new LocalStack(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      return port;
    }
  }
}
