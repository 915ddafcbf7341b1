package io.hotpath.planner.service;

import io.hotpath.planner.config.PlannerConfig;
import io.hotpath.planner.playbook.Catalogs;
import io.hotpath.planner.playbook.InvalidCatalogException;
import io.hotpath.planner.playbook.PlaybookCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/**
 * Loads the playbook catalog once, at startup, so a broken catalog stops the planner before it
 * consumes anything instead of failing on the first bottleneck.
 */
@ApplicationScoped
public class CatalogProducer {
  private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

  @Produces
  @Singleton
  @Startup
  Catalogs catalogs(PlannerConfig config) {
    PlaybookCatalog catalog = load(config.catalog());
    LOG.infof(
        "Playbook catalog %s version %s: %d playbooks covering %s",
        catalog.source(), catalog.version(), catalog.playbooks().size(), catalog.coveredTypes());
    Catalogs catalogs =
        config
            .catalog()
            .tenantDir()
            .map(dir -> Catalogs.load(catalog, dir))
            .orElse(Catalogs.of(catalog));
    catalogs
        .tenants()
        .forEach(
            (tenant, own) ->
                LOG.infof(
                    "Tenant %s plans with its own playbooks: catalog version %s, %d playbooks",
                    tenant, own.version(), own.playbooks().size()));
    catalogs
        .services()
        .forEach(
            (service, own) ->
                LOG.infof(
                    "Service %s plans with its own playbooks: catalog version %s, %d playbooks",
                    service, own.version(), own.playbooks().size()));
    return catalogs;
  }

  /** The shipped catalog, as every tenant without playbooks of its own uses it. */
  @Produces
  @Singleton
  PlaybookCatalog catalog(Catalogs catalogs) {
    return catalogs.shipped();
  }

  static PlaybookCatalog load(PlannerConfig.Catalog config) {
    if (config.path().isPresent()) {
      try {
        return PlaybookCatalog.parse(
            config.path().get().toString(), Files.readAllBytes(config.path().get()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read playbook catalog " + config.path().get(), e);
      }
    }
    String resource = config.resource();
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidCatalogException(
            resource, 0, 0, "", "no such resource on the classpath", null);
      }
      return PlaybookCatalog.parse(resource, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read playbook catalog " + resource, e);
    }
  }
}
