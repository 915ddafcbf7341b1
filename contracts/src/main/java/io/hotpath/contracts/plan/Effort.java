package io.hotpath.contracts.plan;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How much work a fix is.
 *
 * @param size a T-shirt size: XS, S, M, L, XL
 * @param personDays the estimate in person-days
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Effort(String size, double personDays) {
  public Effort {
    require(size, "size");
  }
}
