package io.hotpath.tracker.service;

import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.tracker.config.RuleLimits;
import io.hotpath.tracker.config.TrackerConfig;
import io.hotpath.tracker.gate.GateRules;
import io.hotpath.tracker.gate.GateRun;
import io.hotpath.tracker.gate.Measurements;
import io.hotpath.tracker.gate.ServiceBaseline;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.repository.BaselineRepository;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.GateRunRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Baselines of a tenant's services and the CI gate that compares candidates with them. */
@ApplicationScoped
public class Gates {
  private static final Logger LOG = Logger.getLogger(Gates.class);

  private final BaselineRepository baselines;
  private final BottleneckRepository bottlenecks;
  private final TrackerConfig config;
  private final MeterRegistry registry;
  private final GateRunRepository runs;

  public Gates(
      BaselineRepository baselines,
      BottleneckRepository bottlenecks,
      TrackerConfig config,
      MeterRegistry registry,
      GateRunRepository runs) {
    this.runs = runs;
    this.registry = registry;
    this.baselines = baselines;
    this.bottlenecks = bottlenecks;
    this.config = config;
  }

  /** The gate's answer, and whether the candidate became the baseline. */
  public record Outcome(
      GateRules.Result result,
      Measurements baseline,
      Measurements candidate,
      boolean promoted,
      Long runId) {
    Outcome withRun(Long id) {
      return new Outcome(result, baseline, candidate, promoted, id);
    }
  }

  /**
   * Sets the service's baseline. Without a list of bottlenecks, the baseline knows every bottleneck
   * the tracker has of the service now.
   */
  public Uni<ServiceBaseline> setBaseline(
      String tenant,
      String service,
      Measurements measured,
      boolean listGiven,
      String setBy,
      ServiceBaseline.Source source) {
    return Panache.withTransaction(
        () ->
            (listGiven
                    ? Uni.createFrom().item(measured)
                    : bottlenecks
                        .ofTenant(tenant, Optional.of(service))
                        .map(
                            rows ->
                                new Measurements(
                                    measured.version(),
                                    measured.startupMs(),
                                    measured.memoryMb(),
                                    measured.endpointP95Ms(),
                                    rows.stream().map(TrackedBottleneck::fingerprint).toList())))
                .chain(figures -> upsert(tenant, service, figures, source, setBy)));
  }

  @WithSession
  public Uni<Optional<ServiceBaseline>> baseline(String tenant, String service) {
    return baselines.findById(new ServiceBaseline.Key(tenant, service)).map(Optional::ofNullable);
  }

  /**
   * Runs the gate; empty when the service has no baseline. Without a list of bottlenecks ({@code
   * listGiven} false), the candidate's are those the tracker has of the service whose latest
   * observation is in the candidate's version and that the analyzer still sees. With {@code
   * promote}, a passing candidate becomes the baseline (still knowing the bottlenecks the old one
   * knew).
   */
  public Uni<Optional<Outcome>> gate(
      String tenant,
      String service,
      Measurements given,
      boolean listGiven,
      boolean promote,
      String actor) {
    return Panache.withTransaction(
        () ->
            baselines
                .findById(new ServiceBaseline.Key(tenant, service))
                .chain(
                    baseline ->
                        baseline == null
                            ? Uni.createFrom().item(Optional.<Outcome>empty())
                            : bottlenecks
                                .ofTenant(tenant, Optional.of(service))
                                .chain(
                                    rows ->
                                        recorded(
                                            tenant,
                                            service,
                                            actor,
                                            decide(
                                                tenant,
                                                service,
                                                baseline,
                                                listGiven ? given : seenIn(given, rows),
                                                rows,
                                                promote,
                                                actor)))));
  }

  /** The tenant's latest gate runs of a service, newest first. */
  @WithSession
  public Uni<List<GateRun>> runs(String tenant, String service, int limit) {
    return runs.latest(tenant, service, limit);
  }

  /** Keeps the answer in {@code gate_run}, in the gate's transaction. */
  private Uni<Optional<Outcome>> recorded(
      String tenant, String service, String actor, Outcome outcome) {
    GateRun run =
        GateRun.of(
            tenant,
            service,
            outcome.candidate().version(),
            outcome.baseline().version(),
            outcome.result(),
            outcome.promoted(),
            actor,
            Instant.now());
    return runs.persist(run)
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .map(stored -> Optional.of(outcome.withRun(stored.id())));
  }

  /** The candidate with the bottlenecks the tracker saw in its version. */
  private static Measurements seenIn(Measurements candidate, List<TrackedBottleneck> rows) {
    return new Measurements(
        candidate.version(),
        candidate.startupMs(),
        candidate.memoryMb(),
        candidate.endpointP95Ms(),
        rows.stream()
            .filter(b -> candidate.version().equals(b.version()))
            .filter(b -> b.analyzerState() == BottleneckState.ACTIVE)
            .map(TrackedBottleneck::fingerprint)
            .toList());
  }

  private Outcome decide(
      String tenant,
      String service,
      ServiceBaseline baseline,
      Measurements candidate,
      List<TrackedBottleneck> rows,
      boolean promote,
      String actor) {
    Measurements before = baseline.measurements();
    GateRules.Result result =
        GateRules.evaluate(
            before, candidate, RuleLimits.gate(config, tenant, service), describer(rows));
    Counter.builder("hotpath.tracker.gate.runs")
        .description("CI gate runs, by verdict")
        .tag("verdict", result.pass() ? "pass" : "fail")
        .register(registry)
        .increment();
    LOG.infof(
        "Gate of %s/%s %s against %s: %s %s",
        tenant,
        service,
        candidate.version(),
        before.version(),
        result.pass() ? "pass" : "fail",
        result.reasons());
    if (!result.pass() || !promote) {
      return new Outcome(result, before, candidate, false, null);
    }
    List<String> known = new ArrayList<>(before.bottlenecks());
    known.addAll(candidate.bottlenecks());
    baseline.set(
        new Measurements(
            candidate.version(),
            candidate.startupMs(),
            candidate.memoryMb(),
            candidate.endpointP95Ms(),
            List.copyOf(new LinkedHashSet<>(known))),
        ServiceBaseline.Source.GATE,
        actor,
        Instant.now());
    return new Outcome(result, before, candidate, true, null);
  }

  private Uni<ServiceBaseline> upsert(
      String tenant,
      String service,
      Measurements figures,
      ServiceBaseline.Source source,
      String setBy) {
    return baselines
        .findById(new ServiceBaseline.Key(tenant, service))
        .chain(
            existing -> {
              Instant now = Instant.now();
              if (existing != null) {
                existing.set(figures, source, setBy, now);
                return Uni.createFrom().item(existing);
              }
              ServiceBaseline created = ServiceBaseline.of(tenant, service);
              created.set(figures, source, setBy, now);
              return baselines.persist(created);
            });
  }

  /** Names fingerprints the tracker knows by human id, severity, type and location. */
  private static Function<String, String> describer(List<TrackedBottleneck> rows) {
    Map<String, TrackedBottleneck> byFingerprint =
        rows.stream()
            .collect(Collectors.toMap(TrackedBottleneck::fingerprint, Function.identity()));
    return fingerprint -> {
      TrackedBottleneck b = byFingerprint.get(fingerprint);
      return b == null
          ? fingerprint
          : b.humanId() + " (" + b.severity() + " " + b.type() + " at " + b.location() + ")";
    };
  }
}
