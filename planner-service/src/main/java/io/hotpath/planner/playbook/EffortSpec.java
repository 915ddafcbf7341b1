package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The estimated work of a playbook: a T-shirt size and person-days. */
public record EffortSpec(EffortSize size, double days) {
  @JsonCreator
  public EffortSpec(
      @JsonProperty(value = "size", required = true) EffortSize size,
      @JsonProperty(value = "days", required = true) double days) {
    this.size = Specs.require(size, "size");
    if (!(days > 0)) {
      throw new IllegalArgumentException("days must be greater than 0");
    }
    this.days = days;
  }

  /** T-shirt sizes, smallest first. */
  public enum EffortSize {
    XS,
    S,
    M,
    L,
    XL
  }
}
