package io.hotpath.tracker;

import static io.restassured.RestAssured.given;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.kafka.TopicClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
