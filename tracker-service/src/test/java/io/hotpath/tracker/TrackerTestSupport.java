package io.hotpath.tracker;

import static io.restassured.RestAssured.given;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.kafka.TopicClient;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;

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
