package io.hotpath.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hotpath.api.TokenAuthenticator;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.auth.ApiTokenChanged;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Tokens granted and revoked at runtime through the admin API take effect for ingest, travel as
 * digests on the compacted tokens topic, and only an admin token may manage them.
 */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class AdminTokensTest {
  static final String ADMIN_TOKEN = "hotpath-admin-token";
  static final String TOKENS = "/api/v1/admin/tokens";

  static String uniqueName() {
    return "ci-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static int postStartupReport(String token, String service) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(StartupReportIngestTest.report(service, ""))
        .when()
        .post(StartupReportIngestTest.PATH)
        .then()
        .extract()
        .statusCode();
  }

  @Test
  void generatedTokenIsShownOnceAndIngestsForItsTenant() {
    String name = uniqueName();
    String token =
        given()
            .auth()
            .oauth2(ADMIN_TOKEN)
            .contentType(ContentType.JSON)
            .body(Map.of("name", name, "tenant", "shop"))
            .when()
            .post(TOKENS)
            .then()
            .statusCode(201)
            .body("name", equalTo(name))
            .body("tenant", equalTo("shop"))
            .body("token", startsWith("hp_"))
            .extract()
            .path("token");

    String service = StartupReportIngestTest.uniqueService();
    assertThat(postStartupReport(token, service)).isEqualTo(202);
    assertThat(OtlpIngestTest.kafka().readToEnd(Topics.TELEMETRY_REPORTS, "shop/" + service).size())
        .isEqualTo(1);

    // The list shows the token's name and tenant, never the token or its digest.
    String listing =
        given()
            .auth()
            .oauth2(ADMIN_TOKEN)
            .when()
            .get(TOKENS)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(listing).contains(name).doesNotContain(token);
    assertThat(listing).doesNotContain(TokenAuthenticator.sha256Hex(token));
  }

  @Test
  void revokedTokenIsRefusedWith401() {
    String name = uniqueName();
    String token = "my-own-secret-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "tenant", "demo", "sha256", TokenAuthenticator.sha256Hex(token)))
        .when()
        .post(TOKENS)
        .then()
        .statusCode(201)
        // A token the caller made is never echoed.
        .body("token", nullValue());
    assertThat(postStartupReport(token, StartupReportIngestTest.uniqueService())).isEqualTo(202);

    given().auth().oauth2(ADMIN_TOKEN).when().delete(TOKENS + "/" + name).then().statusCode(204);

    assertThat(postStartupReport(token, StartupReportIngestTest.uniqueService())).isEqualTo(401);
    given()
        .auth()
        .oauth2(ADMIN_TOKEN)
        .when()
        .get(TOKENS)
        .then()
        .body("findAll { it.name == '" + name + "' }.revoked", hasItem(true));
    given()
        .auth()
        .oauth2(ADMIN_TOKEN)
        .when()
        .delete(TOKENS + "/" + name)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void changesTravelAsDigestsOnTheCompactedTopic() throws Exception {
    String name = uniqueName();
    String token =
        given()
            .auth()
            .oauth2(ADMIN_TOKEN)
            .contentType(ContentType.JSON)
            .body(Map.of("name", name, "tenant", "shop"))
            .post(TOKENS)
            .then()
            .statusCode(201)
            .extract()
            .path("token");

    List<ApiTokenChanged> changes =
        OtlpIngestTest.kafka().readToEnd(Topics.API_TOKENS, name).stream()
            .map(r -> EventJson.read(r.value(), ApiTokenChanged.class))
            .toList();
    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.tenant()).isEqualTo("shop");
              assertThat(c.sha256()).isEqualTo(TokenAuthenticator.sha256Hex(token));
              assertThat(c.revoked()).isFalse();
            });
    assertThat(OtlpIngestTest.kafka().readToEnd(Topics.API_TOKENS, name).get(0).value())
        .doesNotContain(token);
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.API_TOKENS);
      String policy =
          admin
              .describeConfigs(List.of(topic))
              .all()
              .get()
              .get(topic)
              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
              .value();
      assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
  }

  @Test
  void aTokenGrantedByAnotherInstanceIsAcceptedOnceItIsOnTheTopic() {
    String name = uniqueName();
    String token = "granted-elsewhere-" + UUID.randomUUID();
    ApiTokenChanged change =
        new ApiTokenChanged(
            UUID.randomUUID(),
            name,
            "demo",
            TokenAuthenticator.sha256Hex(token),
            false,
            "another-collector",
            Instant.now());
    assertThat(postStartupReport(token, StartupReportIngestTest.uniqueService())).isEqualTo(401);

    OtlpIngestTest.kafka().send(Topics.API_TOKENS, name, EventJson.write(change));

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> postStartupReport(token, StartupReportIngestTest.uniqueService()) == 202);
  }

  @Test
  void onlyAnAdminTokenManagesTokens() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", uniqueName(), "tenant", "demo"))
        .post(TOKENS)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(OtlpIngestTest.TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", uniqueName(), "tenant", "demo"))
        .post(TOKENS)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", equalTo("token administration needs an admin token"));
    given().auth().oauth2(OtlpIngestTest.TOKEN).get(TOKENS).then().statusCode(403);
    // An admin token is not an ingest token: it writes for no tenant.
    assertThat(postStartupReport(ADMIN_TOKEN, StartupReportIngestTest.uniqueService()))
        .isEqualTo(401);
  }

  @Test
  void badGrantsAreRefusedWithWhatAndWhere() {
    given()
        .auth()
        .oauth2(ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Bad Name!", "tenant", "demo"))
        .post(TOKENS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].pointer", equalTo("/name"));
    given()
        .auth()
        .oauth2(ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", uniqueName(), "tenant", "demo", "sha256", "abc"))
        .post(TOKENS)
        .then()
        .statusCode(400)
        .body("errors[0].pointer", equalTo("/sha256"));
    // The configured token's name is taken.
    given()
        .auth()
        .oauth2(ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "demo", "tenant", "demo"))
        .post(TOKENS)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }
}
