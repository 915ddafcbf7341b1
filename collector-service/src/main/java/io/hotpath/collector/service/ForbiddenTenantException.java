package io.hotpath.collector.service;

/** A request that names a tenant other than the one its token writes for. */
public class ForbiddenTenantException extends RuntimeException {
  public ForbiddenTenantException(String message) {
    super(message, null, false, false);
  }
}
