package io.hotpath.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Every planner knob, under {@code hotpath.planner}. */
@ConfigMapping(prefix = "hotpath.planner")
public interface PlannerConfig {

  Catalog catalog();

  /**
   * How many recent input event ids the planner remembers to skip exact repeats. Repeats beyond
   * that are still harmless: they yield the same plan event id, which the tracker deduplicates.
   */
  @WithDefault("10000")
  int recentEventIds();

  Replan replan();

  Rebuild rebuild();

  /** Rebuilding the order and coverage at startup from the bottlenecks already consumed. */
  interface Rebuild {
    /**
     * Re-read {@code hotpath.bottlenecks.v1} up to the planner group's committed offsets before
     * consuming, so a restarted planner holds the same order and coverage as before.
     */
    @WithDefault("true")
    boolean enabled();

    /** How long the rebuild may take before the planner starts with what it has read. */
    @WithDefault("PT60S")
    java.time.Duration timeout();
  }

  /** When a bottleneck seen again gets a new plan. */
  interface Replan {
    /**
     * Impact bands grow by this factor: a bottleneck is re-planned when its severity changes or its
     * impact moves to another band (with 2: 100 and 190 ms share a band, 210 ms does not), not on
     * every repeat. Must be greater than 1.
     */
    @WithDefault("2")
    double impactBandRatio();
  }

  /** Where the playbook catalog comes from. */
  interface Catalog {
    /** The catalog shipped with the service, on the classpath. */
    @WithDefault("playbooks.yaml")
    String resource();

    /** A catalog file that replaces the shipped one (e.g. mounted from a ConfigMap). */
    Optional<Path> path();

    /**
     * A directory of tenant playbooks: {@code <dir>/<tenant>/*.yaml} add to or override (same id)
     * the catalog for that tenant. Read at startup; a broken file stops the planner.
     */
    Optional<Path> tenantDir();
  }
}
