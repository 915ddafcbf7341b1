package io.hotpath.tracker.validation;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.plan.ValidationTarget;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.TrackerTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Cache and lock fixes validated on the real broker and PostgreSQL: cache counters from {@code
 * hotpath.telemetry.metrics.v1} and lock profiles from {@code hotpath.telemetry.profiles.v1} add to
 * each version's measured baseline, and the fix completes or fails on the cache's miss rate or the
 * waiting function's lock wait per profiled minute.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class CacheAndLockValidationTest {
  private static final String BEFORE = "1.4.2";
  private static final String AFTER = "1.5.0";
  private static final String CACHE = "cache:products";
  private static final String LOCK = "lock:com.shop.Cart.add";
  private static final Map<String, String> HIT = Map.of("cache", "products", "result", "hit");
  private static final Map<String, String> MISS = Map.of("cache", "products", "result", "miss");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private void produce(String topic, HotpathEvent event) {
    TrackerTestSupport.produce(bootstrap, topic, event);
  }

  /** The bottleneck and its plan (rollback manual), tracked; its human id. */
  private String tracked(BottleneckDetected bottleneck, ValidationTarget target) {
    produce(Topics.BOTTLENECKS, bottleneck);
    produce(
        Topics.PLANS, Telemetry.withAutomatedRollback(Events.planFor(bottleneck, target), false));
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () -> matrixOf(DEMO_TOKEN, bottleneck.service()),
            page -> page.getList("items").size() == 1 && page.get("items[0].plan") != null)
        .getString("items[0].humanId");
  }

  private String trackedCache(String service) {
    return tracked(
        Events.detected(
            "demo",
            service,
            BottleneckType.CACHE_MISS_RATE,
            CACHE,
            new Impact(30, "% misses", "cache products hit 70.0 % of 2000 requests")),
        new ValidationTarget("cache.hit.rate[" + CACHE + "]", ">= 0.9"));
  }

  private String trackedLock(String service) {
    return tracked(
        Events.detected(
            "demo",
            service,
            BottleneckType.LOCK_CONTENTION,
            LOCK,
            new Impact(36_000, "ms", "threads waited 36000 ms for a lock in com.shop.Cart.add")),
        new ValidationTarget("lock.wait.ms[" + LOCK + "]", "<= 5000"));
  }

  /** One version's measured baseline, once {@code ready} holds for it. */
  private static JsonPath awaitBaseline(String service, String version, Predicate<JsonPath> ready) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(DEMO_TOKEN)
                    .queryParam("version", version)
                    .get("/api/v1/services/" + service + "/baselines")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            ready);
  }

  /** A start, three endpoint windows, resources and a passing check: what every version sends. */
  private void reports(String service, String version) {
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.start("demo", service, version, StartType.COLD, 2300, 4000L, 300.0));
    for (int minute = 0; minute < 3; minute++) {
      produce(
          Topics.TELEMETRY_REPORTS,
          Telemetry.window(
              "demo",
              service,
              version,
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, 100, 200)));
    }
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.resources("demo", service, version, Telemetry.sample(0, 30, 200, 100, 400, 4)));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.checks("demo", service, version, new FunctionalityCheck("checkout", true, null)));
  }

  /**
   * The previous version: Micrometer's running totals of one instance over three batches, 1400 hits
   * and 600 misses (hit rate 70 %), and its reports.
   */
  private void cacheOfPreviousVersion(String service) {
    double[][] totals = {{0, 0}, {700, 300}, {1400, 600}};
    for (int minute = 0; minute < totals.length; minute++) {
      produce(
          Topics.TELEMETRY_METRICS,
          Telemetry.metrics(
              "demo",
              service,
              BEFORE,
              service + "-1",
              Telemetry.counter("cache.gets", HIT, minute, totals[minute][0]),
              Telemetry.counter("cache.gets", MISS, minute, totals[minute][1])));
    }
    reports(service, BEFORE);
    awaitBaseline(
        service,
        BEFORE,
        b ->
            b.getLong("[0].reports") == 6
                && b.getDouble("[0].caches.'" + CACHE + "'.requests") == 2000.0);
  }

  @Test
  void completesACacheFixWithTheMeasuredHitRateAcrossARestartCountingARepeatOnce() {
    String service = uniqueService();
    String id = trackedCache(service);
    cacheOfPreviousVersion(service);
    JsonPath before = awaitBaseline(service, BEFORE, b -> true);
    assertThat(before.getDouble("[0].caches.'" + CACHE + "'.hitRate")).isEqualTo(0.7);
    assertThat(before.getDouble("[0].caches.'" + CACHE + "'.missRatePercent")).isEqualTo(30.0);
    assertThat(before.getDouble("[0].caches.'" + CACHE + "'.hits")).isEqualTo(1400.0);
    assertThat(before.getLong("[0].contributions.metricBatches")).isEqualTo(3);

    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    produce(
        Topics.TELEMETRY_METRICS,
        Telemetry.metrics(
            "demo",
            service,
            AFTER,
            service + "-1",
            Telemetry.counter("cache.gets", HIT, 0, 0),
            Telemetry.counter("cache.gets", MISS, 0, 0),
            Telemetry.counter("cache.gets", HIT, 1, 950),
            Telemetry.counter("cache.gets", MISS, 1, 50)));
    // The instance restarted: its running totals start again (190 and 10 since the restart).
    MetricsReceived afterRestart =
        Telemetry.metrics(
            "demo",
            service,
            AFTER,
            service + "-1",
            Telemetry.counter("cache.gets", HIT, 2, 190),
            Telemetry.counter("cache.gets", MISS, 2, 10),
            Telemetry.counter("cache.gets", HIT, 3, 950),
            Telemetry.counter("cache.gets", MISS, 3, 50));
    produce(Topics.TELEMETRY_METRICS, afterRestart);
    produce(Topics.TELEMETRY_METRICS, afterRestart);
    // Same key, same partition: once this batch is in, both copies before it were handled.
    produce(
        Topics.TELEMETRY_METRICS,
        Telemetry.metrics(
            "demo",
            service,
            AFTER,
            service + "-1",
            Telemetry.counter("cache.hits", Map.of("cache", "sessions"), 0, 10)));
    JsonPath after =
        awaitBaseline(service, AFTER, b -> b.get("[0].caches.'cache:sessions'") != null);
    // hits 950 + 190 + 760, misses 50 + 10 + 40: the repeated batch counted once.
    assertThat(after.getDouble("[0].caches.'" + CACHE + "'.hits")).isEqualTo(1900.0);
    assertThat(after.getDouble("[0].caches.'" + CACHE + "'.misses")).isEqualTo(100.0);
    assertThat(after.getDouble("[0].caches.'" + CACHE + "'.hitRate")).isEqualTo(0.95);
    assertThat(after.getLong("[0].contributions.metricBatches")).isEqualTo(3);
    // Enough cache requests, but no reports of the new version yet: the validation waits.
    Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () -> detail(DEMO_TOKEN, id),
            x -> "PENDING".equals(x.getString("validations[0].status")));

    reports(service, AFTER);
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(() -> detail(DEMO_TOKEN, id), x -> "COMPLETED".equals(x.getString("status")));

    assertThat(d.getString("actualImprovement.metric")).isEqualTo("miss rate of " + CACHE);
    assertThat(d.getString("actualImprovement.unit")).isEqualTo("%");
    assertThat(d.getDouble("actualImprovement.before")).isEqualTo(30.0);
    assertThat(d.getDouble("actualImprovement.after")).isEqualTo(5.0);
    assertThat(d.getDouble("actualImprovement.delta")).isEqualTo(25.0);
    assertThat(d.getDouble("actualImprovement.percent")).isEqualTo(83.333);
    assertThat(d.getString("history[2].reason"))
        .isEqualTo(
            "validated 1.5.0 against 1.4.2: miss rate of " + CACHE + " 30 -> 5 % (-83.333 %)");
    assertThat(d.getList("validations[0].notes", String.class))
        .containsExactly(
            "miss rate of "
                + CACHE
                + ": hit rate 70 % (1400 hits, 600 misses of 2000 requests) in 1.4.2;"
                + " hit rate 95 % (1900 hits, 100 misses of 2000 requests) in 1.5.0",
            "the plan's target for cache.hit.rate["
                + CACHE
                + "] is >= 0.9: 0.95 hit rate meets it");
  }

  @Test
  void failsACacheFixThatDidNotHelpWithTheNumbers() {
    String service = uniqueService();
    String id = trackedCache(service);
    cacheOfPreviousVersion(service);

    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    produce(
        Topics.TELEMETRY_METRICS,
        Telemetry.metrics(
            "demo",
            service,
            AFTER,
            service + "-1",
            Telemetry.counter("cache.gets", HIT, 0, 0),
            Telemetry.counter("cache.gets", MISS, 0, 0),
            Telemetry.counter("cache.gets", HIT, 1, 710),
            Telemetry.counter("cache.gets", MISS, 1, 290)));
    reports(service, AFTER);
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(() -> detail(DEMO_TOKEN, id), x -> "FAILED".equals(x.getString("status")));

    String reason =
        "miss rate of "
            + CACHE
            + " did not improve measurably: 29 % in 1.5.0, 30 % in 1.4.2 (-3.333 %);"
            + " at least 5 % lower is needed";
    assertThat(d.getList("validations[0].reasons")).containsExactly(reason);
    assertThat(d.getDouble("validations[0].before")).isEqualTo(30.0);
    assertThat(d.getDouble("validations[0].after")).isEqualTo(29.0);
    assertThat(d.getString("history[2].reason"))
        .isEqualTo("validation of 1.5.0 against 1.4.2 failed: " + reason);
    assertThat(d.getMap("actualImprovement")).isNull();
  }

  /** Three one-minute lock profiles of a version, Cart.add waiting {@code cartNanos} in each. */
  private void lockProfiles(String service, String version, long cartNanos) {
    for (int minute = 0; minute < 3; minute++) {
      produce(
          Topics.TELEMETRY_PROFILES,
          Telemetry.profile(
              "demo",
              service,
              version,
              minute,
              ProfileType.LOCK,
              "nanoseconds",
              Telemetry.lockWait("com.shop.Cart.add_[j]", cartNanos),
              Telemetry.lockWait("com.shop.Stock.reserve", 500_000_000L),
              idleWorker()));
    }
  }

  private static StackSample idleWorker() {
    return new StackSample(
        List.of(
            "java.lang.Thread.run",
            "java.util.concurrent.ThreadPoolExecutor.getTask",
            "java.util.concurrent.locks.LockSupport.park"),
        60_000_000_000L);
  }

  @Test
  void completesALockFixWithTheMeasuredWaitPerProfiledMinute() {
    String service = uniqueService();
    String id = trackedLock(service);
    lockProfiles(service, BEFORE, 12_000_000_000L);
    // A CPU profile through the same function is no lock wait.
    produce(
        Topics.TELEMETRY_PROFILES,
        Telemetry.profile(
            "demo",
            service,
            BEFORE,
            0,
            ProfileType.CPU,
            "nanoseconds",
            Telemetry.lockWait("com.shop.Cart.add", 90_000_000_000L)));
    reports(service, BEFORE);
    JsonPath before =
        awaitBaseline(
            service,
            BEFORE,
            b -> b.getLong("[0].reports") == 6 && b.getLong("[0].contributions.lockProfiles") == 3);
    assertThat(before.getDouble("[0].locks.'" + LOCK + "'.waitMs")).isEqualTo(36_000.0);
    assertThat(before.getDouble("[0].locks.'" + LOCK + "'.waitMsPerMinute")).isEqualTo(12_000.0);
    assertThat(before.getDouble("[0].locks.'" + LOCK + "'.share")).isEqualTo(0.96);
    assertThat(before.getDouble("[0].contributions.lockProfiledMinutes")).isEqualTo(3.0);

    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    lockProfiles(service, AFTER, 3_000_000_000L);
    reports(service, AFTER);
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(() -> detail(DEMO_TOKEN, id), x -> "COMPLETED".equals(x.getString("status")));

    assertThat(d.getString("actualImprovement.metric")).isEqualTo("lock wait of " + LOCK);
    assertThat(d.getString("actualImprovement.unit")).isEqualTo("ms/min");
    assertThat(d.getDouble("actualImprovement.before")).isEqualTo(12_000.0);
    assertThat(d.getDouble("actualImprovement.after")).isEqualTo(3_000.0);
    assertThat(d.getDouble("actualImprovement.delta")).isEqualTo(9_000.0);
    assertThat(d.getDouble("actualImprovement.percent")).isEqualTo(75.0);
    assertThat(d.getList("validations[0].notes", String.class))
        .containsExactly(
            "lock wait of "
                + LOCK
                + ": 36000 ms waited in 3 of 3 lock profiles, 3 min profiled (96 % of all lock"
                + " wait) in 1.4.2; 9000 ms waited in 3 of 3 lock profiles, 3 min profiled"
                + " (85.7 % of all lock wait) in 1.5.0",
            "the plan's target for lock.wait.ms[" + LOCK + "] is <= 5000: 3000 ms/min meets it");
  }

  @Test
  void otherProfilesAndMetricsLeaveNoFigures() {
    String service = uniqueService();
    for (ProfileType type : List.of(ProfileType.CPU, ProfileType.WALL, ProfileType.ALLOCATION)) {
      produce(
          Topics.TELEMETRY_PROFILES,
          Telemetry.profile(
              "demo",
              service,
              BEFORE,
              0,
              type,
              "nanoseconds",
              Telemetry.lockWait("com.shop.Cart.add", 5_000_000_000L)));
    }
    // A lock profile that counts contentions, not time.
    produce(
        Topics.TELEMETRY_PROFILES,
        Telemetry.profile(
            "demo",
            service,
            BEFORE,
            0,
            ProfileType.LOCK,
            "count",
            Telemetry.lockWait("com.shop.Cart.add", 5)));
    produce(
        Topics.TELEMETRY_METRICS,
        Telemetry.metrics(
            "demo",
            service,
            BEFORE,
            service + "-1",
            Telemetry.counter("http.server.requests", Map.of("result", "hit"), 0, 500),
            Telemetry.counter("cache.size", Map.of("cache", "products"), 0, 9000)));
    // Markers: once these (same partitions) are in, everything before them was handled.
    produce(
        Topics.TELEMETRY_PROFILES,
        Telemetry.profile(
            "demo",
            service,
            BEFORE,
            1,
            ProfileType.LOCK,
            "ms",
            Telemetry.lockWait("com.shop.Marker.wait", 100)));
    produce(
        Topics.TELEMETRY_METRICS,
        Telemetry.metrics(
            "demo",
            service,
            BEFORE,
            service + "-1",
            Telemetry.counter("cache.hits", Map.of("cache", "marker"), 0, 1)));

    JsonPath b =
        awaitBaseline(
            service,
            BEFORE,
            x ->
                x.getLong("[0].contributions.lockProfiles") == 1
                    && x.get("[0].caches.'cache:marker'") != null);

    assertThat(b.getMap("[0].locks").keySet()).containsExactly("lock:com.shop.Marker.wait");
    assertThat(b.getMap("[0].caches").keySet()).containsExactly("cache:marker");
    assertThat(b.getLong("[0].contributions.metricBatches")).isEqualTo(1);
    assertThat(b.getDouble("[0].contributions.lockProfiledMinutes")).isEqualTo(1.0);
    assertThat(b.getLong("[0].reports")).isZero();
  }

  /**
   * A report, a metric batch and a lock profile of a version nobody measured yet arrive on three
   * channels at once: whichever creates the baseline first, the others are added to it, none is
   * dead-lettered.
   */
  @Test
  void reportsMetricsAndProfilesCreatingOneBaselineAtOnceAllCount() {
    String service = uniqueService();
    List<String> versions = List.of("2.0.0", "2.0.1", "2.0.2", "2.0.3");
    for (String version : versions) {
      produce(
          Topics.TELEMETRY_REPORTS,
          Telemetry.start("demo", service, version, StartType.COLD, 2300, 4000L, 300.0));
      produce(
          Topics.TELEMETRY_METRICS,
          Telemetry.metrics(
              "demo",
              service,
              version,
              service + "-1",
              Telemetry.counter("cache.gets", HIT, 0, 0),
              Telemetry.counter("cache.gets", MISS, 0, 0),
              Telemetry.counter("cache.gets", HIT, 1, 10),
              Telemetry.counter("cache.gets", MISS, 1, 5)));
      produce(
          Topics.TELEMETRY_PROFILES,
          Telemetry.profile(
              "demo",
              service,
              version,
              0,
              ProfileType.LOCK,
              "ms",
              Telemetry.lockWait("com.shop.Cart.add", 100)));
    }

    for (String version : versions) {
      JsonPath b =
          awaitBaseline(
              service,
              version,
              x ->
                  x.getLong("[0].reports") == 1
                      && x.getLong("[0].contributions.metricBatches") == 1
                      && x.getLong("[0].contributions.lockProfiles") == 1);
      assertThat(b.getDouble("[0].caches.'" + CACHE + "'.hits")).isEqualTo(10.0);
      assertThat(b.getDouble("[0].caches.'" + CACHE + "'.misses")).isEqualTo(5.0);
      assertThat(b.getDouble("[0].locks.'" + LOCK + "'.waitMs")).isEqualTo(100.0);
    }
  }
}
