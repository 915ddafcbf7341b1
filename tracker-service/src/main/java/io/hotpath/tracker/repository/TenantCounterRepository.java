package io.hotpath.tracker.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-tenant numbers behind the human ids. One upsert both creates a tenant's counter and
 * increments it, and holds the counter row's lock until the transaction ends, so concurrent
 * creations never share a number and a rollback gives the number back.
 */
@ApplicationScoped
public class TenantCounterRepository {

  public Uni<Long> nextBottleneckNumber(String tenant) {
    return reserveBottleneckNumbers(tenant, 1);
  }

  /**
   * Takes the tenant's next {@code count} numbers at once; the last of them (the first is {@code
   * last - count + 1}).
   */
  public Uni<Long> reserveBottleneckNumbers(String tenant, int count) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into tenant_counter (tenant, last_bottleneck_number)"
                            + " values (:tenant, :count) on conflict (tenant) do update"
                            + " set last_bottleneck_number ="
                            + " tenant_counter.last_bottleneck_number + :count"
                            + " returning last_bottleneck_number",
                        Long.class)
                    .setParameter("tenant", ArrayParameters.listOfOne(tenant))
                    .setParameter("count", (long) count)
                    .getSingleResult());
  }
}
