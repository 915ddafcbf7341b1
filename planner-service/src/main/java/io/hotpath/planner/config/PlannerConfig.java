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

  /** Where the playbook catalog comes from. */
  interface Catalog {
    /** The catalog shipped with the service, on the classpath. */
    @WithDefault("playbooks.yaml")
    String resource();

    /** A catalog file that replaces the shipped one (e.g. mounted from a ConfigMap). */
    Optional<Path> path();
  }
}
