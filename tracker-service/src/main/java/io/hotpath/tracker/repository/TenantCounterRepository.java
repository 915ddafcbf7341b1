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
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into tenant_counter (tenant, last_bottleneck_number)"
                            + " values (:tenant, 1) on conflict (tenant) do update"
                            + " set last_bottleneck_number ="
                            + " tenant_counter.last_bottleneck_number + 1"
                            + " returning last_bottleneck_number",
                        Long.class)
                    .setParameter("tenant", tenant)
                    .getSingleResult());
  }
}
