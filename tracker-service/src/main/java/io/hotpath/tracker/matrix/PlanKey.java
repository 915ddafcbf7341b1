package io.hotpath.tracker.matrix;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** A plan's identity in the matrix: the bottleneck it is for, within a tenant. */
@Embeddable
public class PlanKey implements Serializable {
  @Column(nullable = false)
  private String tenant;

  @Column(name = "bottleneck_fingerprint", nullable = false)
  private String bottleneckFingerprint;

  protected PlanKey() {}

  public PlanKey(String tenant, String bottleneckFingerprint) {
    this.tenant = tenant;
    this.bottleneckFingerprint = bottleneckFingerprint;
  }

  public String tenant() {
    return tenant;
  }

  public String bottleneckFingerprint() {
    return bottleneckFingerprint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanKey other
        && tenant.equals(other.tenant)
        && bottleneckFingerprint.equals(other.bottleneckFingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, bottleneckFingerprint);
  }
}
