package io.hotpath.tracker.gate;

import io.hotpath.tracker.matrix.JsonStringList;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The figures of a service's baseline version, which the CI gate compares candidates with. */
@Entity
@Table(name = "service_baseline")
public class ServiceBaseline {

  /** How the baseline was set. */
  public enum Source {
    /** Given explicitly with PUT. */
    PUT,
    /** A passing gate call that asked to become the baseline. */
    GATE,
    /** Given with PUT naming only a version: its measured baseline (from telemetry). */
    MEASURED
  }

  /** A baseline's identity: one per service of a tenant. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(nullable = false)
    private String tenant;

    @Column(nullable = false)
    private String service;

    protected Key() {}

    public Key(String tenant, String service) {
      this.tenant = tenant;
      this.service = service;
    }

    public String tenant() {
      return tenant;
    }

    public String service() {
      return service;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && tenant.equals(other.tenant) && service.equals(other.service);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenant, service);
    }
  }

  @EmbeddedId private Key key;

  @Column(nullable = false)
  private String version;

  @Column(name = "startup_ms", nullable = false)
  private double startupMs;

  @Column(name = "memory_mb", nullable = false)
  private double memoryMb;

  @Convert(converter = JsonDoubleMap.class)
  @Column(nullable = false, columnDefinition = "text")
  private Map<String, Double> endpoints;

  @Convert(converter = JsonStringList.class)
  @Column(nullable = false, columnDefinition = "text")
  private List<String> bottlenecks;

  @Column(nullable = false)
  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  private Source source;

  @Column(name = "set_by")
  private String setBy;

  @Column(name = "set_at", nullable = false)
  private Instant setAt;

  @Version
  @Column(name = "row_version", nullable = false)
  private int rowVersion;

  protected ServiceBaseline() {}

  public static ServiceBaseline of(String tenant, String service) {
    ServiceBaseline baseline = new ServiceBaseline();
    baseline.key = new Key(tenant, service);
    return baseline;
  }

  /** Takes the figures of {@code measured} as the baseline. */
  public void set(Measurements measured, Source source, String setBy, Instant now) {
    version = measured.version();
    startupMs = measured.startupMs();
    memoryMb = measured.memoryMb();
    endpoints = Map.copyOf(measured.endpointP95Ms());
    bottlenecks = List.copyOf(measured.bottlenecks());
    this.source = source;
    this.setBy = setBy;
    setAt = now;
  }

  public Measurements measurements() {
    return new Measurements(version, startupMs, memoryMb, endpoints, bottlenecks);
  }

  public Key key() {
    return key;
  }

  public String version() {
    return version;
  }

  public Source source() {
    return source;
  }

  public String setBy() {
    return setBy;
  }

  public Instant setAt() {
    return setAt;
  }
}
