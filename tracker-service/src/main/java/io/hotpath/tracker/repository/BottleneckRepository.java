package io.hotpath.tracker.repository;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Bottleneck rows, always within one tenant. */
@ApplicationScoped
public class BottleneckRepository implements PanacheRepositoryBase<TrackedBottleneck, Long> {

  /** The matrix order: most severe first, then oldest human id first. */
  public static final Sort MATRIX_ORDER = Sort.by("severityRank").and("humanNumber");

  public Uni<TrackedBottleneck> findByFingerprint(String tenant, String fingerprint) {
    return find("tenant = ?1 and fingerprint = ?2", tenant, fingerprint).firstResult();
  }

  /**
   * The tenant's rows with one of these fingerprints (those that exist), in one native statement
   * ({@link ArrayParameters}).
   */
  public Uni<List<TrackedBottleneck>> findByFingerprints(
      String tenant, Collection<String> fingerprints) {
    if (fingerprints.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return ArrayParameters.ofTenant(
        TrackedBottleneck.class, "bottleneck", "fingerprint", tenant, fingerprints);
  }

  public Uni<TrackedBottleneck> findByHumanId(String tenant, String humanId) {
    return find("tenant = ?1 and humanId = ?2", tenant, humanId).firstResult();
  }

  /** Every row of a tenant, or of one of its services, in matrix order. */
  public Uni<List<TrackedBottleneck>> ofTenant(String tenant, Optional<String> service) {
    return service.isPresent()
        ? list("tenant = ?1 and service = ?2", MATRIX_ORDER, tenant, service.get())
        : list("tenant = ?1", MATRIX_ORDER, tenant);
  }

  /** The rows of one tenant that pass the filter, in matrix order; page it before listing. */
  public PanacheQuery<TrackedBottleneck> matrix(String tenant, Filter filter) {
    StringBuilder where = new StringBuilder("tenant = :tenant");
    Parameters params = Parameters.with("tenant", tenant);
    filter.service().ifPresent(v -> add(where, params, "service", v));
    filter.environment().ifPresent(v -> add(where, params, "environment", v));
    filter.status().ifPresent(v -> add(where, params, "status", v));
    filter.severity().ifPresent(v -> add(where, params, "severity", v));
    filter.type().ifPresent(v -> add(where, params, "type", v));
    return find(where.toString(), MATRIX_ORDER, params);
  }

  private static void add(StringBuilder where, Parameters params, String field, Object value) {
    where.append(" and ").append(field).append(" = :").append(field);
    params.and(field, value);
  }

  /** Optional equality filters of the matrix; empty means "any". */
  public record Filter(
      Optional<String> service,
      Optional<String> environment,
      Optional<BottleneckStatus> status,
      Optional<Severity> severity,
      Optional<BottleneckType> type) {
    public static Filter none() {
      return new Filter(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }
}
