package io.hotpath.planner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.planner.config.PlannerConfig;
import io.hotpath.planner.playbook.InvalidCatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogProducerTest {

  private static PlannerConfig.Catalog at(String resource, Path path) {
    return new PlannerConfig.Catalog() {
      @Override
      public String resource() {
        return resource;
      }

      @Override
      public Optional<Path> path() {
        return Optional.ofNullable(path);
      }

      @Override
      public Optional<Path> tenantDir() {
        return Optional.empty();
      }
    };
  }

  @Test
  void loadsTheShippedCatalog() {
    assertThat(CatalogProducer.load(at("playbooks.yaml", null)).playbooks()).isNotEmpty();
  }

  @Test
  void refusesABrokenCatalogFileNamingTheFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("playbooks.yaml");
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("playbooks-broken/unknown-rollback-method.yaml")) {
      Files.write(file, in.readAllBytes());
    }

    assertThatThrownBy(() -> CatalogProducer.load(at("playbooks.yaml", file)))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining(file + " line 15");
  }

  @Test
  void refusesAMissingResource() {
    assertThatThrownBy(() -> CatalogProducer.load(at("no-such-catalog.yaml", null)))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("no-such-catalog.yaml");
  }
}
