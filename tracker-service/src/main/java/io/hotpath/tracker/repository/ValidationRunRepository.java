package io.hotpath.tracker.repository;

import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.validation.ValidationRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Validations of shipped optimizations. */
@ApplicationScoped
public class ValidationRunRepository implements PanacheRepositoryBase<ValidationRun, Long> {

  /** Ids of the runs still waiting for telemetry of this version. */
  public Uni<List<Long>> pendingOf(
      String tenant, String service, String environment, String version) {
    return find(
            "select r.id from ValidationRun r where r.tenant = ?1 and r.service = ?2"
                + " and r.environment = ?3 and r.version = ?4 and r.status = ?5 order by r.id",
            tenant,
            service,
            environment,
            version,
            ValidationRun.Status.PENDING)
        .project(Long.class)
        .list();
  }

  /**
   * Ids of the runs still waiting for telemetry of any of these versions of one tenant, in id
   * order: one query for a poll's versions. It reads the tenant's pending runs (they are few) and
   * picks the versions here: with the services as an {@code in} list Hibernate translated the query
   * again at every poll of telemetry, while this one keeps its plan.
   */
  public Uni<List<Long>> pendingOf(String tenant, Collection<MeasuredBaseline.Key> keys) {
    return list("tenant = ?1 and status = ?2", Sort.by("id"), tenant, ValidationRun.Status.PENDING)
        .map(
            runs ->
                runs.stream()
                    .filter(
                        r ->
                            keys.contains(
                                new MeasuredBaseline.Key(
                                    r.tenant(), r.service(), r.environment(), r.version())))
                    .map(ValidationRun::id)
                    .toList());
  }

  /** Ids of every run still pending, oldest first (for the timer). */
  public Uni<List<Long>> pending(int limit) {
    return find(
            "select r.id from ValidationRun r where r.status = ?1 order by r.id",
            ValidationRun.Status.PENDING)
        .project(Long.class)
        .page(0, limit)
        .list();
  }

  /** A run with its bottleneck. */
  public Uni<ValidationRun> withBottleneck(long id) {
    return find("from ValidationRun r join fetch r.bottleneck where r.id = ?1", id).firstResult();
  }

  /** Runs of these bottlenecks, oldest first. */
  public Uni<List<ValidationRun>> ofBottlenecks(Collection<Long> bottleneckIds) {
    if (bottleneckIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list(
        "from ValidationRun r join fetch r.bottleneck where r.bottleneck.id in ?1 order by r.id",
        List.copyOf(bottleneckIds));
  }
}
