package io.hotpath.tracker.messaging;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.awaitDeadLetter;
import static io.hotpath.tracker.TrackerTestSupport.deadLetterReason;
import static io.hotpath.tracker.TrackerTestSupport.deadLettersOf;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.TrackerTestSupport;
import io.hotpath.tracker.service.MatrixUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Many detections applied as one batch (one poll of {@code hotpath.bottlenecks.v1}, one
 * transaction), against the real broker and PostgreSQL: the same rows, human ids, history and
 * status-change events as one by one, each exactly once, and a bad record dead-lettered alone.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class BatchedDetectionTest {
  private static final int SERVICES = 40;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MatrixUpdates updates;

  @Test
  void tracksABatchOfFirstSightingsWithConsecutiveHumanIdsOneHistoryEntryAndOneEventEach()
      throws Throwable {
    String tenant = uniqueTenant();
    List<BottleneckDetected> batch = new ArrayList<>(firstSightings(tenant, SERVICES));
    BottleneckDetected first = batch.get(0);
    // Seen again later in the same poll: updates the row the batch just created.
    BottleneckDetected again =
        Events.slowStartup(
            tenant, first.service(), 3200, Severity.CRITICAL, 2, first.lastSeen().plusSeconds(60));
    batch.add(again);
    batch.add(batch.get(5)); // the same event twice in one poll counts once

    apply(batch);

    List<String> rows =
        strings(
            "select human_id || ' ' || service || ' ' || status || ' ' || severity || ' '"
                + " || occurrences from bottleneck where tenant = :tenant order by human_number",
            tenant);
    List<String> expected =
        IntStream.range(0, SERVICES)
            .mapToObj(
                i ->
                    String.format("BTLNK-%03d %s NOT_STARTED ", i + 1, batch.get(i).service())
                        + (i == 0 ? "CRITICAL 2" : "HIGH 1"))
            .toList();
    assertThat(rows).containsExactlyElementsOf(expected);
    assertThat(
            strings(
                "select coalesce(h.from_status, '-') || ' ' || h.to_status || ' ' || h.actor || ' '"
                    + " || h.reason from status_history h join bottleneck b on b.id ="
                    + " h.bottleneck_id where b.tenant = :tenant order by b.human_number",
                tenant))
        .containsExactlyElementsOf(
            batch.subList(0, SERVICES).stream()
                .map(e -> "- NOT_STARTED analyzer detected: " + e.impact().summary())
                .toList());
    assertThat(
            strings(
                "select event_id || ' ' || (published_at is not null) from status_event_outbox"
                    + " where tenant = :tenant",
                tenant))
        .containsExactlyInAnyOrderElementsOf(
            batch.subList(0, SERVICES).stream()
                .map(e -> EventIds.derived(e.eventId(), "tracked") + " true")
                .toList());
    List<ConsumerRecord<String, String>> announced = statusChangesOf(tenant);
    assertThat(announced).hasSize(SERVICES);
    assertThat(announced)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrderElementsOf(
            batch.subList(0, SERVICES).stream().map(PartitionKeys::of).toList());
  }

  @Test
  void changesNothingWhenTheSameBatchIsDeliveredAgain() throws Throwable {
    String tenant = uniqueTenant();
    List<BottleneckDetected> batch = firstSightings(tenant, 20);
    apply(batch);
    List<String> before = snapshot(tenant);

    apply(batch);
    apply(batch.subList(5, 15));

    assertThat(snapshot(tenant)).isEqualTo(before);
    assertThat(
            strings(
                "select last_bottleneck_number || '' from tenant_counter where tenant = :tenant",
                tenant))
        .containsExactly("20");
    assertThat(statusChangesOf(tenant)).hasSize(20);
  }

  @Test
  void sendsAnUnreadableRecordInsideAPollToTheDeadLetterTopicAndTracksTheRest() {
    String service = uniqueService();
    String poison = "{\"schemaVersion\":1,\"tenant\":\"demo\",\"service\":\"" + service + "\"}";
    List<BottleneckDetected> good = locationsOf(service, 12);

    produceInOneBurst(good.subList(0, 6), poison, good.subList(6, 12));

    ConsumerRecord<String, String> dead = awaitDeadLetter(bootstrap, Topics.BOTTLENECKS, poison);
    assertThat(deadLetterReason(dead)).contains("eventId is required");
    awaitRows(service, good.size());
    assertThat(deadLettersOf(bootstrap, Topics.BOTTLENECKS, service))
        .extracting(ConsumerRecord::value)
        .containsExactly(poison);
  }

  @Test
  void appliesAPollOneRecordAtATimeWhenItsTransactionFailsAndDeadLettersOnlyTheCulprit() {
    String service = uniqueService();
    List<BottleneckDetected> good = locationsOf(service, 12);
    // Readable, but the database refuses it (environment longer than its column): the poll's
    // transaction fails as a whole, and only this record may end up in the dead-letter topic.
    BottleneckDetected refused = withEnvironment(Events.slowStartup("demo", service, 2500));
    String culprit = EventJson.write(refused);

    produceInOneBurst(good.subList(0, 6), culprit, good.subList(6, 12));

    ConsumerRecord<String, String> dead = awaitDeadLetter(bootstrap, Topics.BOTTLENECKS, culprit);
    assertThat(deadLetterReason(dead)).containsIgnoringCase("too long");
    awaitRows(service, good.size());
    assertThat(deadLettersOf(bootstrap, Topics.BOTTLENECKS, service))
        .extracting(ConsumerRecord::value)
        .containsExactly(culprit);
    assertThat(matrixOf(DEMO_TOKEN, service).getList("items.fingerprint", String.class))
        .containsExactlyInAnyOrderElementsOf(
            good.stream().map(BottleneckDetected::fingerprint).toList())
        .doesNotContain(refused.fingerprint());
  }

  private static String uniqueTenant() {
    return "batch-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** One first sighting for each of {@code n} new services of the tenant. */
  private static List<BottleneckDetected> firstSightings(String tenant, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> Events.slowStartup(tenant, String.format("svc-%03d", i), 2000 + i))
        .toList();
  }

  /** {@code n} bottlenecks of one demo service at distinct locations. */
  private static List<BottleneckDetected> locationsOf(String service, int n) {
    BottleneckDetected base = Events.slowStartup("demo", service, 2300);
    return IntStream.range(0, n)
        .mapToObj(i -> Events.elsewhere(base, "startup-phase:phase-" + i, Severity.MEDIUM))
        .toList();
  }

  private static BottleneckDetected withEnvironment(BottleneckDetected b) {
    return new BottleneckDetected(
        b.eventId(),
        b.schemaVersion(),
        b.tenant(),
        b.service(),
        "e".repeat(200),
        b.version(),
        b.instance(),
        b.eventTime(),
        b.fingerprint(),
        b.type(),
        b.severity(),
        "startup-phase:refused",
        b.impact(),
        b.evidence(),
        b.firstSeen(),
        b.lastSeen(),
        b.occurrences(),
        b.state());
  }

  private void apply(List<BottleneckDetected> batch) throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetections(batch));
  }

  /** Everything the batch wrote for the tenant, row versions included. */
  private List<String> snapshot(String tenant) throws Throwable {
    List<String> all = new ArrayList<>();
    all.addAll(
        strings(
            "select human_id || ' ' || fingerprint || ' ' || occurrences || ' ' || row_version"
                + " || ' ' || updated_at from bottleneck where tenant = :tenant order by"
                + " human_number",
            tenant));
    all.addAll(
        strings(
            "select h.id || ' ' || h.to_status || ' ' || h.at from status_history h join"
                + " bottleneck b on b.id = h.bottleneck_id where b.tenant = :tenant order by h.id",
            tenant));
    all.addAll(
        strings(
            "select event_id || ' ' || created_at from status_event_outbox where tenant = :tenant"
                + " order by event_id",
            tenant));
    return all;
  }

  private static List<String> strings(String sql, String tenant) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    Panache.getSession()
                        .chain(
                            session ->
                                session
                                    .createNativeQuery(sql, String.class)
                                    .setParameter("tenant", tenant)
                                    .getResultList())));
  }

  private List<ConsumerRecord<String, String>> statusChangesOf(String tenant) {
    return TopicClient.shared(bootstrap).readToEnd(Topics.STATUS_CHANGES).stream()
        .filter(r -> r.key() != null && r.key().startsWith(tenant + "/"))
        .toList();
  }

  /** Sends the records without waiting between them, so the tracker polls them together. */
  private void produceInOneBurst(
      List<BottleneckDetected> before, String middle, List<BottleneckDetected> after) {
    List<String> values = new ArrayList<>();
    before.forEach(e -> values.add(EventJson.write(e)));
    values.add(middle);
    after.forEach(e -> values.add(EventJson.write(e)));
    TrackerTestSupport.produceInOneBurst(
        bootstrap, Topics.BOTTLENECKS, PartitionKeys.of(before.get(0)), values);
  }

  private static void awaitRows(String service, int rows) {
    Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> matrixOf(DEMO_TOKEN, service).getList("items").size() == rows);
  }
}
