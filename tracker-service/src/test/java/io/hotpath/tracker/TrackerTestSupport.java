package io.hotpath.tracker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.kafka.TopicClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the tracker's @QuarkusTests share: tokens, sending events, reading the matrix. */
public final class TrackerTestSupport {
  public static final String DEMO_TOKEN = "hotpath-demo-token";
  public static final String OTHER_TOKEN = "hotpath-other-token";
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TrackerTestSupport() {}

  public static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static void produce(String bootstrap, String topic, HotpathEvent event) {
    TopicClient.shared(bootstrap).send(topic, PartitionKeys.of(event), EventJson.write(event));
  }

  /**
   * Sends the values on one key without waiting between them (one producer, 100 ms linger), so the
   * tracker most likely takes them in one poll.
   */
  public static void produceInOneBurst(
      String bootstrap, String topic, String key, List<String> values) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            100,
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      values.forEach(v -> producer.send(new ProducerRecord<>(topic, key, v)));
      producer.flush();
    }
  }

  /** The record with this value on the topic's dead-letter topic, once it is there. */
  public static ConsumerRecord<String, String> awaitDeadLetter(
      String bootstrap, String topic, String value) {
    return TopicClient.shared(bootstrap)
        .await(Topics.deadLetter(topic), r -> value.equals(r.value()), TIMEOUT);
  }

  /** Every record dead-lettered from the topic for the demo tenant's service so far. */
  public static List<ConsumerRecord<String, String>> deadLettersOf(
      String bootstrap, String topic, String service) {
    return TopicClient.shared(bootstrap).readToEnd(Topics.deadLetter(topic), "demo/" + service);
  }

  /**
   * Why the record was dead-lettered (its {@code dead-letter-reason} header, which must be set).
   */
  public static String deadLetterReason(ConsumerRecord<String, String> dead) {
    assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
    return new String(
        dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
  }

  /** The matrix page of one service, as the token's tenant sees it. */
  public static JsonPath matrixOf(String token, String service) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("service", service)
        .get("/api/v1/bottlenecks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Posts a transition request; the caller checks the answer. */
  public static ValidatableResponse transition(
      String token, String humanId, Map<String, String> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/bottlenecks/" + humanId + "/transitions")
        .then();
  }

  /** A transition request body. */
  public static Map<String, String> move(String to, String actor, String reason) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("to", to);
    body.put("actor", actor);
    body.put("reason", reason);
    return body;
  }

  public static JsonPath detail(String token, String humanId) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/bottlenecks/" + humanId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
