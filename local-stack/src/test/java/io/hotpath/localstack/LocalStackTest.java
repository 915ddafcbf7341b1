package io.hotpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.localstack.kafka.TopicClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both servers of one stack answer real clients. */
class LocalStackTest {

  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    long begin = System.nanoTime();
    stack = LocalStack.builder().kafka(true).postgres(true).build().start();
    System.out.printf(
        "LocalStack.start() (Kafka + PostgreSQL in parallel) took %d ms%n",
        (System.nanoTime() - begin) / 1_000_000);
  }

  @AfterAll
  static void closeStack() {
    stack.close();
  }

  @Test
  void brokerAcceptsAndServesRecords() throws Exception {
    String topic = "local-stack.round-trip.v1";

    List<ConsumerRecord<String, String>> received;
    try (TopicClient kafka = new TopicClient(stack.bootstrapServers())) {
      kafka.send(topic, "acme/checkout", "{\"hello\":1}");
      received = kafka.readUntil(topic, record -> true, Duration.ofSeconds(30));
    }

    assertThat(received)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("acme/checkout");
              assertThat(record.value()).isEqualTo("{\"hello\":1}");
            });
  }

  @Test
  void autoCreatedTopicsHaveThreePartitions() throws Exception {
    String topic = "local-stack.partitions.v1";
    try (TopicClient kafka = new TopicClient(stack.bootstrapServers())) {
      kafka.send(topic, "k", "v");
    }

    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(
            java.util.Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(3);
    }
  }

  @Test
  void postgresAnswersQueries() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.username(), stack.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select version()")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).startsWith("PostgreSQL 17");
    }
  }

  @Test
  void addressesPointAtLoopback() {
    assertThat(stack.bootstrapServers()).isEqualTo("127.0.0.1:" + stack.kafkaPort());
    assertThat(stack.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/postgres");
    assertThat(stack.reactiveUrl())
        .isEqualTo("postgresql://127.0.0.1:" + stack.postgresPort() + "/postgres");
    assertThat(stack.username()).isEqualTo("postgres");
    assertThat(stack.password()).isEqualTo("postgres");
  }
}
