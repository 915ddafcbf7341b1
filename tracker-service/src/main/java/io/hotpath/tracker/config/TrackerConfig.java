package io.hotpath.tracker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/** The tracker's own knobs: publishing events, the CI gate's ratios, validating shipped fixes. */
@ConfigMapping(prefix = "hotpath.tracker")
public interface TrackerConfig {

  /** Publishing {@code BottleneckStatusChanged} events. */
  Publish publish();

  /** The CI gate. */
  Gate gate();

  /** Validating shipped fixes against the previous version's measured baseline. */
  Validation validation();

  /**
   * Per-tenant and per-service limits of the validation and the gate ({@code
   * hotpath.tracker.tenants."<tenant>".validation.<key>}, {@code
   * hotpath.tracker.tenants."<tenant>".services."<service>".gate.<key>}); the most specific
   * configured value wins (see {@link RuleLimits}).
   */
  Map<String, TenantLimits> tenants();

  /** One tenant's limits, and its services' own. */
  interface TenantLimits {
    ValidationLimits validation();

    GateLimits gate();

    Map<String, ServiceLimits> services();
  }

  /** One service's limits. */
  interface ServiceLimits {
    ValidationLimits validation();

    GateLimits gate();
  }

  /** The validation's limits where a tenant or service sets its own; see {@link Validation}. */
  interface ValidationLimits {
    OptionalDouble startupRatio();

    OptionalDouble memoryRatio();

    OptionalDouble endpointRatio();

    OptionalDouble maxErrorRateIncrease();

    OptionalDouble minImprovementPercent();

    OptionalDouble minCacheRequests();

    OptionalDouble minLockProfiles();
  }

  /** The gate's ratios where a tenant or service sets its own; see {@link Gate}. */
  interface GateLimits {
    OptionalDouble startupRatio();

    OptionalDouble memoryRatio();

    OptionalDouble endpointRatio();
  }

  interface Validation {
    /** A validated version's startup must be at most this multiple of the previous version's. */
    @WithDefault("1.2")
    double startupRatio();

    /** Memory, likewise. */
    @WithDefault("1.5")
    double memoryRatio();

    /** Each endpoint's p95, likewise. */
    @WithDefault("1.5")
    double endpointRatio();

    /** An endpoint whose error rate rose by more than this (0.01 = 1 point) is newly failing. */
    @WithDefault("0.01")
    double maxErrorRateIncrease();

    /** The targeted metric must be lower by at least this many percent. */
    @WithDefault("5")
    double minImprovementPercent();

    /** Startup reports of the new version needed before validating. */
    @WithDefault("1")
    int minStartupReports();

    /** Endpoint-statistics windows of the new version needed before validating. */
    @WithDefault("3")
    int minEndpointWindows();

    /** Query-statistics windows of the new version needed before validating a slow query's fix. */
    @WithDefault("1")
    int minQueryWindows();

    /**
     * Requests of the cache (hits and misses) each version must have served before a {@code
     * CACHE_MISS_RATE} fix is validated on its miss rate; the analyzer's {@code cache.min-requests}
     * default.
     */
    @WithDefault("100")
    double minCacheRequests();

    /** Lock profiles each version must have before a {@code LOCK_CONTENTION} fix is validated. */
    @WithDefault("3")
    double minLockProfiles();

    /** After this long, a pending validation is decided with whatever arrived. */
    @WithDefault("PT30M")
    Duration timeout();

    /** How often pending validations are looked at (ready ones, timed-out ones). */
    @WithDefault("PT1M")
    Duration checkInterval();
  }

  interface Publish {
    /** How long a transition waits for Kafka's acknowledgement before it answers without it. */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often the relay looks for events a failed or interrupted send left unpublished. */
    @WithDefault("PT30S")
    Duration relayInterval();

    /** How old an unpublished event must be before the relay sends it (the request may still). */
    @WithDefault("PT30S")
    Duration relayMinAge();

    /** How long published events stay in the outbox before the relay deletes them. */
    @WithDefault("P7D")
    Duration retention();
  }

  interface Gate {
    /** A candidate's startup must be below this multiple of the baseline's. */
    @WithDefault("1.2")
    double startupRatio();

    /** A candidate's memory must be below this multiple of the baseline's. */
    @WithDefault("1.2")
    double memoryRatio();

    /** Each endpoint's p95 must be below this multiple of the baseline's. */
    @WithDefault("1.5")
    double endpointRatio();
  }
}
