package io.hotpath.tracker.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.QueryStatistics;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The native selects every poll runs leave Hibernate's query plan cache alone: in Hibernate
 * Reactive 3.2 each execution of a native select looked its plan up, missed (the result mapping in
 * the key is compared by identity) and added an entry under the same hash; under the fleet bench
 * that was about 8 % of the tracker's CPU ({@code ArrayParameters}). Each test also checks the
 * statement's result, typed as the repository returns it.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class QueryPlanCacheTest {
  private static final String CONSUMER = "test.query-plan-cache";

  @Inject ProcessedEventRepository processed;
  @Inject TenantCounterRepository counters;
  @Inject BottleneckRepository bottlenecks;
  @Inject Mutiny.SessionFactory sessions;

  @Test
  void claimingEventIdsLeavesThePlanCacheAloneAndGivesTheFreshIds() throws Throwable {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    assertThat(inTransaction(() -> processed.claimAll(CONSUMER, List.of(first, second))))
        .containsExactlyInAnyOrder(first, second);
    long before = planCacheLookups("insert into processed_event");

    UUID third = UUID.randomUUID();
    Set<UUID> again = inTransaction(() -> processed.claimAll(CONSUMER, List.of(first, third)));
    Set<UUID> repeat = inTransaction(() -> processed.claimAll(CONSUMER, List.of(third)));

    assertThat(again).containsExactly(third);
    assertThat(repeat).isEmpty();
    assertThat(planCacheLookups("insert into processed_event")).isEqualTo(before);
  }

  @Test
  void reservingNumbersLeavesThePlanCacheAloneAndCountsOn() throws Throwable {
    String tenant = "plan-cache-" + UUID.randomUUID();
    assertThat((long) inTransaction(() -> counters.reserveBottleneckNumbers(tenant, 2)))
        .isEqualTo(2);
    long before = planCacheLookups("insert into tenant_counter");

    long next = inTransaction(() -> counters.reserveBottleneckNumbers(tenant, 3));
    long last = inTransaction(() -> counters.nextBottleneckNumber(tenant));

    assertThat(next).isEqualTo(5);
    assertThat(last).isEqualTo(6);
    assertThat(planCacheLookups("insert into tenant_counter")).isEqualTo(before);
  }

  @Test
  void findingRowsByFingerprintLeavesThePlanCacheAlone() throws Throwable {
    String tenant = "plan-cache-" + UUID.randomUUID();
    long before = planCacheLookups("select * from bottleneck");

    List<TrackedBottleneck> none =
        inSession(() -> bottlenecks.findByFingerprints(tenant, Set.of("a", "b")));
    List<TrackedBottleneck> stillNone =
        inSession(() -> bottlenecks.findByFingerprints(tenant, Set.of("c")));

    assertThat(none).isEmpty();
    assertThat(stillNone).isEmpty();
    assertThat(planCacheLookups("select * from bottleneck")).isEqualTo(before);
  }

  /** Plan cache lookups (hits and misses) of the statements that start with {@code start}. */
  private long planCacheLookups(String start) {
    Statistics statistics = sessions.getStatistics();
    long lookups = 0;
    for (String sql : statistics.getQueries()) {
      if (sql.startsWith(start)) {
        QueryStatistics query = statistics.getQueryStatistics(sql);
        lookups += query.getPlanCacheHitCount() + query.getPlanCacheMissCount();
      }
    }
    return lookups;
  }

  private static <T> T inSession(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
  }

  private static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
  }
}
