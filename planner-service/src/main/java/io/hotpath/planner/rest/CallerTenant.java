package io.hotpath.planner.rest;

import jakarta.enterprise.context.RequestScoped;

/** The tenant of the current API request, set from its token by {@link ApiAuthFilter}. */
@RequestScoped
public class CallerTenant {
  private String tenant;

  void set(String tenant) {
    this.tenant = tenant;
  }

  /** The authenticated tenant; never taken from the request's path, body or parameters. */
  public String get() {
    if (tenant == null) {
      throw new IllegalStateException("no authenticated tenant in this request");
    }
    return tenant;
  }
}
