package io.hotpath.contracts.plan;

/** How likely a change is to hurt. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH
}
