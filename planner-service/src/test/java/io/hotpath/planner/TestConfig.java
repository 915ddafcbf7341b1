package io.hotpath.planner;

import io.hotpath.planner.config.PlannerConfig;
import java.nio.file.Path;
import java.util.Optional;

/** A planner configuration for plain unit tests, with the shipped defaults. */
public final class TestConfig implements PlannerConfig {
  @Override
  public Catalog catalog() {
    return new Catalog() {
      @Override
      public String resource() {
        return "playbooks.yaml";
      }

      @Override
      public Optional<Path> path() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> tenantDir() {
        return Optional.empty();
      }
    };
  }

  @Override
  public int recentEventIds() {
    return 100;
  }

  @Override
  public Replan replan() {
    return () -> 2.0;
  }

  @Override
  public Rebuild rebuild() {
    return new Rebuild() {
      @Override
      public boolean enabled() {
        return false;
      }

      @Override
      public java.time.Duration timeout() {
        return java.time.Duration.ofSeconds(1);
      }
    };
  }
}
