package io.hotpath.tracker.repository;

import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.tracker.rollback.RollbackCommand;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rollback commands by command id; the claim that makes each run at most once. */
@ApplicationScoped
public class RollbackCommandRepository implements PanacheRepositoryBase<RollbackCommand, String> {

  /**
   * Claims the command: true if this call inserted its row (RUNNING), false if the command id was
   * claimed before (by a redelivery or another command with the same id), which then counts as a
   * duplicate.
   */
  public Uni<Boolean> claim(RollbackRequested c, boolean dryRun, Instant now) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into rollback_command (command_id, request_event_id, tenant,"
                            + " service, environment, version, bottleneck_fingerprint, method,"
                            + " target, rollback_to, reason, incident_key, requested_at, status,"
                            + " dry_run, attempts, duplicates, claimed_at) values (:commandId,"
                            + " :eventId, :tenant, :service, :environment, :version, :fingerprint,"
                            + " :method, :target, :rollbackTo, :reason, :incidentKey, :requestedAt,"
                            + " 'RUNNING', :dryRun, 0, 0, :now) on conflict (command_id) do"
                            + " nothing")
                    .setParameter("commandId", c.commandId())
                    .setParameter("eventId", c.eventId())
                    .setParameter("tenant", c.tenant())
                    .setParameter("service", c.service())
                    .setParameter("environment", c.environment())
                    .setParameter("version", c.version())
                    .setParameter("fingerprint", c.bottleneckFingerprint())
                    .setParameter("method", c.method().name())
                    .setParameter("target", c.target())
                    .setParameter("rollbackTo", c.rollbackTo())
                    .setParameter("reason", c.reason())
                    .setParameter("incidentKey", c.incidentKey())
                    .setParameter("requestedAt", c.eventTime())
                    .setParameter("dryRun", dryRun)
                    .setParameter("now", now)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  public Uni<Integer> countDuplicate(String commandId) {
    return update("duplicates = duplicates + 1 where commandId = ?1", commandId);
  }

  /** Commands still RUNNING that were claimed before {@code before}: interrupted ones. */
  public Uni<List<String>> runningSince(Instant before, int limit) {
    return find(
            "status = ?1 and claimedAt < ?2",
            Sort.by("claimedAt"),
            RollbackCommand.Status.RUNNING,
            before)
        .page(0, limit)
        .list()
        .map(found -> found.stream().map(RollbackCommand::commandId).toList());
  }

  /** A tenant's commands, newest claim first, optionally of one service or bottleneck. */
  public Uni<List<RollbackCommand>> ofTenant(
      String tenant, Optional<String> service, Optional<String> fingerprint, int limit) {
    StringBuilder where = new StringBuilder("tenant = :tenant");
    Parameters params = Parameters.with("tenant", tenant);
    service.ifPresent(
        s -> {
          where.append(" and service = :service");
          params.and("service", s);
        });
    fingerprint.ifPresent(
        f -> {
          where.append(" and bottleneckFingerprint = :fingerprint");
          params.and("fingerprint", f);
        });
    return find(where.toString(), Sort.descending("claimedAt").and("commandId"), params)
        .page(0, limit)
        .list();
  }
}
