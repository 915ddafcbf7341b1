package io.hotpath.tracker.repository;

import io.hotpath.tracker.gate.GateRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The CI gate's answers, newest first. */
@ApplicationScoped
public class GateRunRepository implements PanacheRepositoryBase<GateRun, Long> {

  public Uni<List<GateRun>> latest(String tenant, String service, int limit) {
    return find("tenant = ?1 and service = ?2 order by at desc, id desc", tenant, service)
        .page(0, limit)
        .list();
  }
}
