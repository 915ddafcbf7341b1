package io.hotpath.tracker.rest;

import io.hotpath.tracker.gate.GateRules;
import io.hotpath.tracker.gate.GateRun;
import io.hotpath.tracker.gate.Measurements;
import io.hotpath.tracker.gate.ServiceBaseline;
import io.hotpath.tracker.service.Gates;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the baseline and gate API take and send. */
public final class GateViews {
  private GateViews() {}

  /**
   * A version's measurements. Numbers are boxed so that a missing one is told apart from zero.
   *
   * @param endpoints each endpoint's p95 in ms, e.g. {@code {"GET /orders/{id}": 120}}
   * @param bottlenecks fingerprints of the bottlenecks seen in this version
   * @param promote gate only: a passing candidate becomes the baseline
   * @param actor who asks (a CI job, a person); recorded with the baseline
   */
  public record MeasurementsBody(
      String version,
      Double startupMs,
      Double memoryMb,
      Map<String, Double> endpoints,
      List<String> bottlenecks,
      Boolean promote,
      String actor,
      String environment) {}

  /** A service's stored baseline. */
  public record BaselineView(
      String service,
      String version,
      double startupMs,
      double memoryMb,
      Map<String, Double> endpoints,
      List<String> bottlenecks,
      ServiceBaseline.Source source,
      String setBy,
      Instant setAt) {
    static BaselineView of(ServiceBaseline b) {
      Measurements m = b.measurements();
      return new BaselineView(
          b.key().service(),
          m.version(),
          m.startupMs(),
          m.memoryMb(),
          m.endpointP95Ms(),
          m.bottlenecks(),
          b.source(),
          b.setBy(),
          b.setAt());
    }
  }

  /** One past gate answer. */
  public record GateRunView(
      long runId,
      String service,
      String version,
      String baselineVersion,
      String verdict,
      List<String> reasons,
      List<String> newBottlenecks,
      boolean promoted,
      String actor,
      Instant at) {
    static GateRunView of(GateRun run) {
      return new GateRunView(
          run.id(),
          run.service(),
          run.version(),
          run.baselineVersion(),
          run.verdict(),
          run.reasons(),
          run.newBottlenecks(),
          run.promoted(),
          run.actor(),
          run.at());
    }
  }

  /** The gate's answer: {@code verdict} is {@code pass} or {@code fail}. */
  public record GateView(
      Long runId,
      String verdict,
      String service,
      String version,
      String baselineVersion,
      List<String> reasons,
      List<String> notes,
      List<GateRules.Check> checks,
      List<String> newBottlenecks,
      boolean promoted) {
    static GateView of(String service, Gates.Outcome outcome) {
      GateRules.Result r = outcome.result();
      return new GateView(
          outcome.runId(),
          r.pass() ? "pass" : "fail",
          service,
          outcome.candidate().version(),
          outcome.baseline().version(),
          r.reasons(),
          r.notes(),
          r.checks(),
          r.newBottlenecks(),
          outcome.promoted());
    }
  }
}
