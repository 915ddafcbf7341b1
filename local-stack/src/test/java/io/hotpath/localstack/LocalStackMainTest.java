package io.hotpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone run behind {@code bin/hotpath up}. */
class LocalStackMainTest {

  @TempDir Path temp;

  @Test
  void defaultsToWellKnownPortsAndBothServers() {
    LocalStackMain.Options options = LocalStackMain.Options.parse();

    assertThat(options.kafka()).isTrue();
    assertThat(options.postgres()).isTrue();
    assertThat(options.kafkaPort()).isEqualTo(9092);
    assertThat(options.kafkaPortExplicit()).isFalse();
    assertThat(options.postgresPort()).isEqualTo(5432);
    assertThat(options.envFile()).isNull();
  }

  @Test
  void parsesEveryOption() {
    LocalStackMain.Options options =
        LocalStackMain.Options.parse(
            "--kafka-port", "0", "--postgres-port", "15432", "--env-file", "x/stack.env");

    assertThat(options.kafkaPort()).isZero();
    assertThat(options.kafkaPortExplicit()).isTrue();
    assertThat(options.postgresPort()).isEqualTo(15432);
    assertThat(options.envFile()).isEqualTo(Path.of("x/stack.env"));
    assertThat(LocalStackMain.Options.parse("--no-postgres").postgres()).isFalse();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> LocalStackMain.Options.parse("--kafka-port"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> LocalStackMain.Options.parse("--kafka-port", "x"))
        .hasMessageContaining("needs a port");
    assertThatThrownBy(() -> LocalStackMain.Options.parse("--verbose"))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> LocalStackMain.Options.parse("--no-kafka", "--no-postgres"))
        .hasMessageContaining("nothing to run");
  }

  @Test
  void busyDefaultPortFallsBackToAFreeOneButAnExplicitPortDoesNot() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int busy = taken.getLocalPort();

      assertThat(LocalStackMain.choosePort(true, busy, false)).isZero();
      assertThat(LocalStackMain.choosePort(true, busy, true)).isEqualTo(busy);
    }
  }

  @Test
  void runsUntilSigtermThenStopsAndDeletesTheEnvFile() throws Exception {
    Path envFile = temp.resolve("run/stack.env");
    Path output = temp.resolve("stdout.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                LocalStackMain.class.getName(),
                "--kafka-port",
                "0",
                "--postgres-port",
                "0",
                "--env-file",
                envFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> Files.exists(envFile) || !process.isAlive());
      assertThat(process.isAlive()).as(read(output)).isTrue();
      Map<String, String> env =
          Files.readAllLines(envFile, StandardCharsets.UTF_8).stream()
              .map(line -> line.split("=", 2))
              .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
      assertThat(env)
          .containsOnlyKeys(
              "KAFKA_BOOTSTRAP_SERVERS",
              "HOTPATH_DB_JDBC_URL",
              "HOTPATH_DB_REACTIVE_URL",
              "HOTPATH_DB_USER",
              "HOTPATH_DB_PASSWORD");
      String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
      int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
      assertThat(LocalStackLifecycleTest.accepts(kafkaPort)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> read(output).contains("ready"));
      assertThat(read(output)).contains("local stack ready", bootstrap);

      process.destroy(); // SIGTERM

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(read(output)).isTrue();
      assertThat(envFile).doesNotExist();
      assertThat(LocalStackLifecycleTest.accepts(kafkaPort)).isFalse();
      assertThat(read(output)).contains("local stack stopped").doesNotContain("SLF4J");
      assertThat(leftoverFiles(envFile.getParent())).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<String> leftoverFiles(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(Path::getFileName).map(Path::toString).toList();
    }
  }

  private static String read(Path file) throws Exception {
    File f = file.toFile();
    return f.exists() ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
