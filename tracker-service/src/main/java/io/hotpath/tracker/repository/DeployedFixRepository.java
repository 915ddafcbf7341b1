package io.hotpath.tracker.repository;

import io.hotpath.tracker.validation.ValidationRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Which deployment shipped which fix, read from the validation runs: a deployment that carries a
 * tracked optimization leaves one run per fix, with the deployment's event id, versions and
 * rollback target. Alerts are correlated with these.
 */
@ApplicationScoped
public class DeployedFixRepository implements PanacheRepositoryBase<ValidationRun, Long> {

  /**
   * The latest deployment (by its time, then arrival) of a service that shipped a tracked fix;
   * optionally of one version and environment, optionally one that shipped a given bottleneck. One
   * of its runs, or null.
   */
  public Uni<ValidationRun> latest(
      String tenant, String service, String version, String environment, Long bottleneckId) {
    StringBuilder query =
        new StringBuilder("from ValidationRun r join fetch r.bottleneck where r.tenant = :tenant");
    Parameters params = Parameters.with("tenant", tenant);
    if (service != null) {
      query.append(" and r.service = :service");
      params = params.and("service", service);
    }
    if (version != null) {
      query.append(" and r.version = :version");
      params = params.and("version", version);
    }
    if (environment != null) {
      query.append(" and r.environment = :environment");
      params = params.and("environment", environment);
    }
    if (bottleneckId != null) {
      query.append(" and r.bottleneck.id = :bottleneck");
      params = params.and("bottleneck", bottleneckId);
    }
    query.append(" order by r.deployedAt desc, r.id desc");
    return find(query.toString(), params).firstResult();
  }

  /** Every fix one deployment shipped, in the order it named them. */
  public Uni<List<ValidationRun>> ofDeployment(String tenant, java.util.UUID deploymentEventId) {
    return list(
        "from ValidationRun r join fetch r.bottleneck where r.tenant = ?1"
            + " and r.deploymentEventId = ?2 order by r.id",
        tenant,
        deploymentEventId);
  }
}
