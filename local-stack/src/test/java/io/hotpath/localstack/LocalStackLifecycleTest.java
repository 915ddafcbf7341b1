package io.hotpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Starting, stopping and cleaning up. */
class LocalStackLifecycleTest {

  @Test
  void closeRemovesDataDirectoriesAndStopsServers() {
    LocalStack stack = LocalStack.builder().kafka(true).postgres(true).build().start();
    Path data = stack.dataDirectory();
    int kafkaPort = stack.kafkaPort();
    int postgresPort = stack.postgresPort();
    assertThat(data.resolve("kafka")).isDirectory();
    assertThat(data.resolve("postgres")).isDirectory();
    assertThat(accepts(kafkaPort)).isTrue();
    assertThat(accepts(postgresPort)).isTrue();

    stack.close();

    assertThat(data).doesNotExist();
    assertThat(accepts(kafkaPort)).isFalse();
    assertThat(accepts(postgresPort)).isFalse();
  }

  @Test
  void closeIsIdempotentAndRefusesARestart() {
    LocalStack stack = LocalStack.builder().kafka(false).postgres(true).build().start();

    stack.close();
    stack.close();

    assertThat(stack.dataDirectory()).doesNotExist();
    assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(stack::jdbcUrl).hasMessageContaining("CLOSED");
  }

  @Test
  void refusesAddressesOfServicesItDoesNotRun() {
    try (LocalStack stack = LocalStack.builder().kafka(false).postgres(true).build().start()) {
      assertThat(stack.kafkaEnabled()).isFalse();
      assertThatThrownBy(stack::bootstrapServers)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Kafka is not part of this local stack");
    }
  }

  @Test
  void failedStartStopsWhatStartedAndCleansUp() throws IOException {
    int kafkaPort = LocalStack.choosePorts(0)[0];
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      LocalStack stack =
          LocalStack.builder()
              .kafka(true)
              .kafkaPort(kafkaPort)
              .postgres(true)
              .postgresPort(taken.getLocalPort())
              .build();

      assertThatThrownBy(stack::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PostgreSQL did not start")
          .hasStackTraceContaining(
              "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");

      assertThat(stack.dataDirectory()).doesNotExist();
      assertThat(accepts(kafkaPort)).isFalse();
    }
  }

  @Test
  void builderRejectsAnEmptyStackAndBadPorts() {
    assertThatThrownBy(() -> LocalStack.builder().kafka(false).postgres(false).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> LocalStack.builder().kafkaPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
