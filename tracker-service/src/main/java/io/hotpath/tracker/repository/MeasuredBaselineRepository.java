package io.hotpath.tracker.repository;

import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Measured baselines by (tenant, service, environment, version). */
@ApplicationScoped
public class MeasuredBaselineRepository
    implements PanacheRepositoryBase<MeasuredBaseline, MeasuredBaseline.Key> {

  /** A service's measured baselines, optionally of one version, by environment then version. */
  public Uni<List<MeasuredBaseline>> ofService(String tenant, String service, String version) {
    Sort order = Sort.by("key.environment").and("key.version");
    return version == null
        ? list("key.tenant = ?1 and key.service = ?2", order, tenant, service)
        : list(
            "key.tenant = ?1 and key.service = ?2 and key.version = ?3",
            order,
            tenant,
            service,
            version);
  }

  /**
   * The stored baselines among these keys, by key: one query per tenant (by service, the other
   * parts of the key filtered here).
   */
  public Uni<Map<MeasuredBaseline.Key, MeasuredBaseline>> findAll(
      Collection<MeasuredBaseline.Key> keys) {
    Map<String, Set<String>> services = new LinkedHashMap<>();
    keys.forEach(k -> services.computeIfAbsent(k.tenant(), t -> new HashSet<>()).add(k.service()));
    Map<MeasuredBaseline.Key, MeasuredBaseline> found = new HashMap<>();
    return Multi.createFrom()
        .iterable(services.entrySet())
        .onItem()
        .transformToUniAndConcatenate(
            tenant ->
                ArrayParameters.ofTenant(
                    MeasuredBaseline.class,
                    "telemetry_baseline",
                    "service",
                    tenant.getKey(),
                    tenant.getValue()))
        .onItem()
        .invoke(
            rows ->
                rows.forEach(
                    row -> {
                      if (keys.contains(row.key())) {
                        found.put(row.key(), row);
                      }
                    }))
        .collect()
        .last()
        .replaceWith(found);
  }
}
