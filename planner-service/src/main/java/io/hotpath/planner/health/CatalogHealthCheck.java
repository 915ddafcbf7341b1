package io.hotpath.planner.health;

import io.hotpath.planner.playbook.Catalogs;
import io.hotpath.planner.playbook.PlaybookCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows which catalog version the planner plans with. A planner whose catalog failed to load never
 * starts, so this check is UP whenever it runs; its value is the version in the health data.
 */
@Readiness
@ApplicationScoped
public class CatalogHealthCheck implements HealthCheck {
  private final PlaybookCatalog catalog;
  private final Catalogs catalogs;

  public CatalogHealthCheck(Catalogs catalogs) {
    this.catalogs = catalogs;
    this.catalog = catalogs.shipped();
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("playbook-catalog")
        .up()
        .withData("source", catalog.source())
        .withData("version", catalog.version())
        .withData("playbooks", catalog.playbooks().size())
        .withData("tenantCatalogs", String.join(",", catalogs.tenants().keySet()))
        .withData("serviceCatalogs", String.join(",", catalogs.services().keySet()))
        .build();
  }
}
