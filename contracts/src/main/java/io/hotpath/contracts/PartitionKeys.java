package io.hotpath.contracts;

/**
 * The record key rule: {@code tenant/service}. Every event of one service lands on one partition,
 * so consumers see a service's events in order and the analyzer's per-service state partitions with
 * it.
 */
public final class PartitionKeys {
  private PartitionKeys() {}

  public static String of(String tenant, String service) {
    Events.require(tenant, "tenant");
    Events.require(service, "service");
    return tenant + "/" + service;
  }

  public static String of(HotpathEvent event) {
    return of(event.tenant(), event.service());
  }
}
