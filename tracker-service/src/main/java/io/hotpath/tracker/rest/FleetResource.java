package io.hotpath.tracker.rest;

import io.hotpath.tracker.service.CompletenessQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The caller's tenant as a whole. */
@Path("/api/v1/completeness")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "token")
public class FleetResource {
  private final CompletenessQueries completeness;
  private final CallerTenant caller;

  public FleetResource(CompletenessQueries completeness, CallerTenant caller) {
    this.completeness = completeness;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Completeness of the fleet",
      description =
          "Totals by severity and status, completion %, critical completion %, deferrals, and the"
              + " exit verdict over all of the caller's services, with one line per service.")
  public Uni<CompletenessViews.FleetView> fleet() {
    String tenant = caller.get();
    return completeness.ofFleet(tenant).map(fleet -> CompletenessViews.FleetView.of(tenant, fleet));
  }
}
