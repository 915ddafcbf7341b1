package io.hotpath.collector.rest;

import static io.hotpath.collector.rest.StartupReportIngestTest.TOKEN;
import static io.hotpath.collector.rest.StartupReportIngestTest.kafka;
import static io.hotpath.collector.rest.StartupReportIngestTest.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hotpath.collector.ingest.pyroscope.JfrRecordings;
import io.hotpath.collector.ingest.pyroscope.PprofSamples;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pyroscope's /ingest with folded stacks, authenticated as Pyroscope agents do, through Kafka. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class)
class ProfileIngestTest {
  static final String FOLDED = "main;work;hot 30\nmain;idle 5\nmain;work;hot 12\n";

  /** Basic auth with the token as the password, as the Pyroscope agents send it. */
  static RequestSpecification pyroscopeAgent() {
    return given().auth().preemptive().basic("pyroscope", TOKEN).contentType("text/plain");
  }

  static List<ConsumerRecord<String, String>> awaitProfiles(String service, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> kafka().readToEnd(Topics.TELEMETRY_PROFILES, "demo/" + service),
            records -> records.size() >= count);
  }

  @Test
  void publishesAFoldedCpuProfileKeyedByTenantAndService() {
    String service = uniqueService();

    pyroscopeAgent()
        .queryParam("name", service + ".cpu{env=prod,version=1.4.2}")
        .queryParam("from", "1764158100")
        .queryParam("until", "1764158110000")
        .queryParam("sampleRate", "100")
        .queryParam("spyName", "javaspy")
        .body(FOLDED)
        .when()
        .post("/ingest")
        .then()
        .statusCode(200);

    List<ConsumerRecord<String, String>> records = awaitProfiles(service, 1);
    assertThat(records).hasSize(1);
    ProfileCaptured profile = EventJson.read(records.get(0).value(), ProfileCaptured.class);
    assertThat(profile.tenant()).isEqualTo("demo");
    assertThat(profile.service()).isEqualTo(service);
    assertThat(profile.environment()).isEqualTo("prod");
    assertThat(profile.profileType()).isEqualTo(ProfileType.CPU);
    assertThat(profile.periodNanos()).isEqualTo(10_000_000L);
    assertThat(profile.windowEnd().getEpochSecond()).isEqualTo(1764158110L);
    assertThat(profile.stacks())
        .containsExactly(
            new StackSample(List.of("main", "work", "hot"), 42),
            new StackSample(List.of("main", "idle"), 5));
  }

  @Test
  void rejectsABadFoldedLineWith400NamingItAndPublishesNothing() {
    String service = uniqueService();

    pyroscopeAgent()
        .queryParam("name", service + ".cpu")
        .body("main;ok 1\nmain;broken\n")
        .when()
        .post("/ingest")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("line 2: expected 'frame;frame;... count'"));

    // A valid profile of the same service afterwards: only it may be on the partition.
    pyroscopeAgent()
        .queryParam("name", service + ".cpu")
        .body("main;after 1\n")
        .when()
        .post("/ingest")
        .then()
        .statusCode(200);
    assertThat(awaitProfiles(service, 1))
        .extracting(r -> EventJson.read(r.value(), ProfileCaptured.class).stacks().get(0).frames())
        .containsExactly(List.of("main", "after"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary/octet-stream", "application/x-www-form-urlencoded"})
  void readsTheBodyWhateverTheContentType(String contentType) {
    String service = uniqueService();
    RequestSpecification request =
        pyroscopeAgent().contentType(contentType).queryParam("name", service + ".cpu");
    // RestAssured encodes a form only from a String, a binary type only from bytes.
    if (contentType.startsWith("binary/")) {
      request.body(FOLDED.getBytes(StandardCharsets.UTF_8));
    } else {
      request.body(FOLDED);
    }

    request.when().post("/ingest").then().statusCode(200);

    assertThat(awaitProfiles(service, 1)).hasSize(1);
  }

  @Test
  void rejectsAnotherTenantInXScopeOrgIdWith403() {
    pyroscopeAgent()
        .header("X-Scope-OrgID", "someone-else")
        .queryParam("name", uniqueService() + ".cpu")
        .body(FOLDED)
        .when()
        .post("/ingest")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
  }

  @Test
  void rejectsAnotherTenantInATenantLabelWith403() {
    pyroscopeAgent()
        .queryParam("name", uniqueService() + ".cpu{tenant=someone-else}")
        .body(FOLDED)
        .when()
        .post("/ingest")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void namesTheBadQueryParameterIn400() {
    pyroscopeAgent()
        .queryParam("name", uniqueService() + ".cpu")
        .queryParam("from", "yesterday")
        .body(FOLDED)
        .when()
        .post("/ingest")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.parameter", hasItem("from"))
        .body("detail", containsString("(query parameter from)"));
  }

  @Test
  void isDocumentedInOpenApiWithAFoldedExample() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(
            "paths.'/ingest'.post.requestBody.content.'text/plain'.examples.folded.value",
            containsString("com.shop.Prices.compute 87"));
  }

  @Test
  void acceptsTheTokensOwnTenantInXScopeOrgId() {
    pyroscopeAgent()
        .header("X-Scope-OrgID", "demo")
        .queryParam("name", uniqueService() + ".cpu")
        .body(FOLDED)
        .when()
        .post("/ingest")
        .then()
        .statusCode(200);
  }

  @Test
  void publishesAGzippedPprofFromAMultipartUploadAsTheGoAgentSendsIt() {
    String service = uniqueService();
    Map<List<String>, Long> stacks = new LinkedHashMap<>();
    stacks.put(List.of("main", "work", "hot"), 42L);
    byte[] pprof = PprofSamples.gzip(PprofSamples.cpu(stacks));

    pyroscopeAgent()
        .contentType("multipart/form-data")
        .multiPart("profile", "profile.pprof", pprof, "application/octet-stream")
        .multiPart("sample_type_config", "{}")
        .queryParam("name", service + ".cpu")
        .queryParam("format", "pprof")
        .when()
        .post("/ingest")
        .then()
        .statusCode(200);

    ProfileCaptured profile =
        EventJson.read(awaitProfiles(service, 1).get(0).value(), ProfileCaptured.class);
    assertThat(profile.unit()).isEqualTo("nanoseconds");
    assertThat(profile.stacks())
        .containsExactly(new StackSample(List.of("main", "work", "hot"), 420_000_000L));
  }

  @Test
  void publishesTheCpuProfileOfAJfrUploadAsThePyroscopeJavaAgentSendsIt() throws Exception {
    String service = uniqueService();
    byte[] jfr = PprofSamples.gzip(JfrRecordings.ofBusyCpu());

    pyroscopeAgent()
        .contentType("multipart/form-data")
        .multiPart("jfr", "jfr", jfr, "application/octet-stream")
        .multiPart("labels", "labels", new byte[0], "application/octet-stream")
        .queryParam("name", service + "{env=prod}")
        .queryParam("format", "jfr")
        .queryParam("sampleRate", "100")
        .queryParam("spyName", "javaspy")
        .when()
        .post("/ingest")
        .then()
        .statusCode(200);

    ProfileCaptured cpu =
        awaitProfiles(service, 1).stream()
            .map(r -> EventJson.read(r.value(), ProfileCaptured.class))
            .filter(p -> p.profileType() == ProfileType.CPU)
            .findFirst()
            .orElseThrow();
    StackSample hottest =
        cpu.stacks().stream().max(Comparator.comparingLong(StackSample::value)).orElseThrow();
    assertThat(hottest.frames()).last().asString().endsWith("JfrRecordings.burnCpu");
  }

  @Test
  void rejectsARequestWithoutTokenWith401() {
    given()
        .queryParam("name", "app.cpu")
        .body(FOLDED)
        .when()
        .post("/ingest")
        .then()
        .statusCode(401);
  }
}
