package io.hotpath.tracker.messaging;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.awaitDeadLetter;
import static io.hotpath.tracker.TrackerTestSupport.deadLettersOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.TrackerTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Metric batches and profiles polled together (one burst of records on one key): the cache counters
 * of a poll counted once each in one transaction, other records skipped, an unreadable one
 * dead-lettered alone.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class TelemetryPollTest {
  private static final String VERSION = "2.0.0";
  private static final Map<String, String> HIT = Map.of("cache", "products", "result", "hit");
  private static final Map<String, String> MISS = Map.of("cache", "products", "result", "miss");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void countsEachCacheBatchOfAPollOnceSkipsTheOthersAndDeadLettersOnlyTheUnreadableOne() {
    String service = uniqueService();
    String poison = "{\"schemaVersion\":1,\"service\":\"" + service + "\",\"cache\":true}";
    MetricsReceived second = cacheTotals(service, 1, 700, 300);

    produceInOneBurst(
        Topics.TELEMETRY_METRICS,
        service,
        List.of(
            EventJson.write(
                Telemetry.metrics(
                    "demo",
                    service,
                    VERSION,
                    service + "-1",
                    Telemetry.counter("http.server.requests", Map.of("result", "hit"), 0, 500))),
            EventJson.write(cacheTotals(service, 0, 0, 0)),
            EventJson.write(second),
            poison,
            EventJson.write(second), // redelivered: counts once
            EventJson.write(cacheTotals(service, 2, 1400, 600))));

    JsonPath baseline =
        awaitBaseline(
            service,
            b ->
                b.getList("$").size() == 1
                    && b.get("[0].caches.'cache:products'") != null
                    && b.getDouble("[0].caches.'cache:products'.requests") == 2000.0);
    assertThat(baseline.getLong("[0].contributions.metricBatches")).isEqualTo(3);
    assertThat(baseline.getDouble("[0].caches.'cache:products'.misses")).isEqualTo(600.0);
    assertThat(awaitDeadLetters(Topics.TELEMETRY_METRICS, service, poison)).containsExactly(poison);
  }

  @Test
  void countsTheLockProfileOfAPollOfCpuProfilesAndDeadLettersOnlyTheUnreadableOne() {
    String service = uniqueService();
    String poison =
        "{\"schemaVersion\":1,\"service\":\"" + service + "\",\"profileType\":\"LOCK\"}";

    produceInOneBurst(
        Topics.TELEMETRY_PROFILES,
        service,
        List.of(
            EventJson.write(profile(service, ProfileType.CPU, "com.shop.Cart.add")),
            poison,
            EventJson.write(profile(service, ProfileType.LOCK, "com.shop.Ledger.reserve")),
            EventJson.write(profile(service, ProfileType.WALL, "com.shop.Cart.add"))));

    JsonPath baseline =
        awaitBaseline(
            service,
            b -> b.getList("$").size() == 1 && b.getLong("[0].contributions.lockProfiles") == 1);
    assertThat(baseline.getMap("[0].locks").keySet())
        .containsExactly("lock:com.shop.Ledger.reserve");
    assertThat(awaitDeadLetters(Topics.TELEMETRY_PROFILES, service, poison))
        .containsExactly(poison);
  }

  private static MetricsReceived cacheTotals(
      String service, int minute, double hits, double misses) {
    return Telemetry.metrics(
        "demo",
        service,
        VERSION,
        service + "-1",
        Telemetry.counter("cache.gets", HIT, minute, hits),
        Telemetry.counter("cache.gets", MISS, minute, misses));
  }

  private static io.hotpath.contracts.telemetry.ProfileCaptured profile(
      String service, ProfileType type, String function) {
    return Telemetry.profile(
        "demo",
        service,
        VERSION,
        0,
        type,
        "nanoseconds",
        Telemetry.lockWait(function, 2_000_000_000L));
  }

  /** Sends the values on the service's key without waiting between them: one poll, most likely. */
  private void produceInOneBurst(String topic, String service, List<String> values) {
    TrackerTestSupport.produceInOneBurst(bootstrap, topic, "demo/" + service, values);
  }

  /** The values dead-lettered for the service, once {@code expected} is among them. */
  private List<String> awaitDeadLetters(String topic, String service, String expected) {
    awaitDeadLetter(bootstrap, topic, expected);
    return deadLettersOf(bootstrap, topic, service).stream().map(ConsumerRecord::value).toList();
  }

  private static JsonPath awaitBaseline(String service, Predicate<JsonPath> ready) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(DEMO_TOKEN)
                    .queryParam("version", VERSION)
                    .get("/api/v1/services/" + service + "/baselines")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            ready);
  }
}
