package io.hotpath.tracker.baseline;

import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.contracts.telemetry.TelemetryReport;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The telemetry of one version of a service in one environment, summed report by report. */
@Entity
@Table(name = "telemetry_baseline")
public class MeasuredBaseline {

  /** One per (tenant, service, environment, version). */
  @Embeddable
  public static class Key implements Serializable {
    @Column(nullable = false)
    private String tenant;

    @Column(nullable = false)
    private String service;

    @Column(nullable = false)
    private String environment;

    @Column(nullable = false)
    private String version;

    protected Key() {}

    public Key(String tenant, String service, String environment, String version) {
      this.tenant = tenant;
      this.service = service;
      this.environment = environment;
      this.version = version;
    }

    public String tenant() {
      return tenant;
    }

    public String service() {
      return service;
    }

    public String environment() {
      return environment;
    }

    public String version() {
      return version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && tenant.equals(k.tenant)
          && service.equals(k.service)
          && environment.equals(k.environment)
          && version.equals(k.version);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenant, service, environment, version);
    }
  }

  @EmbeddedId private Key key;

  @Column(nullable = false, columnDefinition = "text")
  private String totals;

  @Column(nullable = false)
  private long reports;

  @Column(name = "first_report_at", nullable = false)
  private Instant firstReportAt;

  @Column(name = "last_report_at", nullable = false)
  private Instant lastReportAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  private int rowVersion;

  protected MeasuredBaseline() {}

  public static MeasuredBaseline of(Key key) {
    MeasuredBaseline b = new MeasuredBaseline();
    b.key = key;
    b.totals = TelemetryTotals.empty().toJson();
    return b;
  }

  /** Whether this report kind contributes to a baseline (every kind on the topic does). */
  public static boolean contributes(TelemetryReport report) {
    return report instanceof StartupReported
        || report instanceof EndpointStatsReported
        || report instanceof ResourcesSampled
        || report instanceof FunctionalityChecked
        || report instanceof QueryStatsReported;
  }

  /** Adds one report's share. */
  public void add(TelemetryReport report, Instant now) {
    TelemetryTotals t = totals();
    if (report instanceof StartupReported r) {
      t.add(r);
    } else if (report instanceof EndpointStatsReported r) {
      t.add(r);
    } else if (report instanceof ResourcesSampled r) {
      t.add(r);
    } else if (report instanceof FunctionalityChecked r) {
      t.add(r);
    } else if (report instanceof QueryStatsReported r) {
      t.add(r);
    } else {
      return;
    }
    totals = t.toJson();
    reports++;
    touched(report.eventTime(), now);
  }

  /**
   * Adds a metric batch's cache counters; false (and nothing changed) when it held none. Not a
   * report: {@link #reports()} counts telemetry reports only.
   */
  public boolean add(MetricsReceived metrics, Instant now) {
    TelemetryTotals t = totals();
    if (!t.add(metrics)) {
      return false;
    }
    totals = t.toJson();
    touched(metrics.eventTime(), now);
    return true;
  }

  /** Adds a lock profile's wait; false (and nothing changed) for any other profile. */
  public boolean add(ProfileCaptured profile, Instant now) {
    TelemetryTotals t = totals();
    if (!t.add(profile)) {
      return false;
    }
    totals = t.toJson();
    touched(profile.eventTime(), now);
    return true;
  }

  private void touched(Instant at, Instant now) {
    firstReportAt = firstReportAt == null || at.isBefore(firstReportAt) ? at : firstReportAt;
    lastReportAt = lastReportAt == null || at.isAfter(lastReportAt) ? at : lastReportAt;
    updatedAt = now;
  }

  public Key key() {
    return key;
  }

  public TelemetryTotals totals() {
    return TelemetryTotals.fromJson(totals);
  }

  public BaselineFigures figures() {
    return totals().figures();
  }

  public long reports() {
    return reports;
  }

  public Instant firstReportAt() {
    return firstReportAt;
  }

  public Instant lastReportAt() {
    return lastReportAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
