package io.hotpath.tracker.gate;

import io.hotpath.tracker.matrix.JsonStringList;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One answer of the CI gate, kept for the audit. */
@Entity
@Table(name = "gate_run")
public class GateRun {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String tenant;

  @Column(nullable = false)
  private String service;

  @Column(nullable = false)
  private String version;

  @Column(name = "baseline_version", nullable = false)
  private String baselineVersion;

  @Column(nullable = false)
  private String verdict;

  @Convert(converter = JsonStringList.class)
  @Column(nullable = false, columnDefinition = "text")
  private List<String> reasons;

  @Convert(converter = JsonStringList.class)
  @Column(name = "new_bottlenecks", nullable = false, columnDefinition = "text")
  private List<String> newBottlenecks;

  @Column(nullable = false)
  private boolean promoted;

  @Column private String actor;

  @Column(nullable = false)
  private Instant at;

  protected GateRun() {}

  public static GateRun of(
      String tenant,
      String service,
      String version,
      String baselineVersion,
      GateRules.Result result,
      boolean promoted,
      String actor,
      Instant at) {
    GateRun run = new GateRun();
    run.tenant = tenant;
    run.service = service;
    run.version = version;
    run.baselineVersion = baselineVersion;
    run.verdict = result.pass() ? "pass" : "fail";
    run.reasons = List.copyOf(result.reasons());
    run.newBottlenecks = List.copyOf(result.newBottlenecks());
    run.promoted = promoted;
    run.actor = actor;
    run.at = at;
    return run;
  }

  public Long id() {
    return id;
  }

  public String service() {
    return service;
  }

  public String version() {
    return version;
  }

  public String baselineVersion() {
    return baselineVersion;
  }

  public String verdict() {
    return verdict;
  }

  public List<String> reasons() {
    return reasons;
  }

  public List<String> newBottlenecks() {
    return newBottlenecks;
  }

  public boolean promoted() {
    return promoted;
  }

  public String actor() {
    return actor;
  }

  public Instant at() {
    return at;
  }
}
