package io.hotpath.tracker.service;

import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.completeness.Completeness;
import io.hotpath.tracker.config.RuleLimits;
import io.hotpath.tracker.config.TrackerConfig;
import io.hotpath.tracker.gate.ServiceBaseline;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.report.Report;
import io.hotpath.tracker.report.ReportBuilder;
import io.hotpath.tracker.repository.BaselineRepository;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.MeasuredBaselineRepository;
import io.hotpath.tracker.repository.PlanRepository;
import io.hotpath.tracker.repository.ValidationRunRepository;
import io.hotpath.tracker.validation.ValidationRun;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers what an optimization report needs, always within one tenant. */
@ApplicationScoped
public class ReportQueries {
  private final BottleneckRepository bottlenecks;
  private final PlanRepository plans;
  private final ValidationRunRepository runs;
  private final MeasuredBaselineRepository measured;
  private final BaselineRepository gateBaselines;
  private final CompletenessQueries completeness;
  private final TrackerConfig config;

  public ReportQueries(
      BottleneckRepository bottlenecks,
      PlanRepository plans,
      ValidationRunRepository runs,
      MeasuredBaselineRepository measured,
      BaselineRepository gateBaselines,
      CompletenessQueries completeness,
      TrackerConfig config) {
    this.bottlenecks = bottlenecks;
    this.plans = plans;
    this.runs = runs;
    this.measured = measured;
    this.gateBaselines = gateBaselines;
    this.completeness = completeness;
    this.config = config;
  }

  /** One service's report; empty when the tenant knows nothing of that service. */
  @WithSession
  public Uni<Optional<Report>> ofService(String tenant, String service) {
    return build(tenant, Optional.of(service))
        .map(
            r ->
                r.executiveSummary().isEmpty() && r.optimizations().isEmpty()
                    ? Optional.<Report>empty()
                    : Optional.of(r));
  }

  /** The report of the tenant's whole fleet. */
  @WithSession
  public Uni<Report> ofFleet(String tenant) {
    return build(tenant, Optional.empty());
  }

  /** What the report is made from, gathered one query after the other in one session. */
  private static final class Gathered {
    List<TrackedBottleneck> rows;
    List<TrackedPlan> plans;
    List<ValidationRun> runs;
    List<MeasuredBaseline> measured;
    Map<String, ServiceBaseline> gates;
  }

  private Uni<Report> build(String tenant, Optional<String> service) {
    Gathered g = new Gathered();
    return bottlenecks
        .ofTenant(tenant, service)
        .invoke(rows -> g.rows = rows)
        .chain(
            () ->
                plans.forFingerprints(
                    tenant, g.rows.stream().map(TrackedBottleneck::fingerprint).toList()))
        .invoke(found -> g.plans = found)
        .chain(() -> runs.ofBottlenecks(g.rows.stream().map(TrackedBottleneck::id).toList()))
        .invoke(found -> g.runs = found)
        .chain(() -> measuredOf(tenant, service))
        .invoke(found -> g.measured = found)
        .chain(() -> gatesOf(tenant, service))
        .invoke(found -> g.gates = found)
        .chain(() -> completenessOf(tenant, service))
        .map(
            done ->
                ReportBuilder.build(
                    tenant,
                    service.orElse(null),
                    new ReportBuilder.Inputs(
                        g.rows,
                        byFingerprint(g.plans),
                        byBottleneck(g.runs),
                        g.measured,
                        g.gates,
                        done),
                    s -> RuleLimits.validation(config, tenant, s),
                    Instant.now()));
  }

  private Uni<List<MeasuredBaseline>> measuredOf(String tenant, Optional<String> service) {
    return service.isPresent()
        ? measured.ofService(tenant, service.get(), null)
        : measured.list("key.tenant = ?1", tenant);
  }

  private Uni<Map<String, ServiceBaseline>> gatesOf(String tenant, Optional<String> service) {
    Uni<List<ServiceBaseline>> found =
        service.isPresent()
            ? gateBaselines.list("key.tenant = ?1 and key.service = ?2", tenant, service.get())
            : gateBaselines.list("key.tenant = ?1", tenant);
    return found.map(
        list ->
            list.stream().collect(Collectors.toMap(b -> b.key().service(), Function.identity())));
  }

  private Uni<Map<String, Completeness.Report>> completenessOf(
      String tenant, Optional<String> service) {
    if (service.isPresent()) {
      return completeness
          .ofService(tenant, service.get())
          .map(r -> r.map(found -> Map.of(service.get(), found)).orElse(Map.of()));
    }
    return completeness.ofFleet(tenant).map(CompletenessQueries.Fleet::services);
  }

  private static Map<String, TrackedPlan> byFingerprint(List<TrackedPlan> found) {
    return found.stream()
        .collect(Collectors.toMap(p -> p.key().bottleneckFingerprint(), Function.identity()));
  }

  private static Map<Long, List<ValidationRun>> byBottleneck(List<ValidationRun> found) {
    return found.stream().collect(Collectors.groupingBy(r -> r.bottleneck().id()));
  }
}
