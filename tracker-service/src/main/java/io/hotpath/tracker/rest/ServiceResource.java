package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.tracker.service.CompletenessQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** One service of the caller's tenant: its completeness, its baseline and the CI gate. */
@Path("/api/v1/services/{service}")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "token")
public class ServiceResource {
  private final CompletenessQueries completeness;
  private final CallerTenant caller;

  public ServiceResource(CompletenessQueries completeness, CallerTenant caller) {
    this.completeness = completeness;
    this.caller = caller;
  }

  @GET
  @Path("/completeness")
  @Operation(
      summary = "Completeness of a service",
      description =
          "Totals by severity and status, completion %, critical completion %, deferrals with"
              + " their justifications, coverage gaps, and the exit verdict with its reasons. 404"
              + " if the caller's tenant has no bottleneck of this service.")
  public Uni<CompletenessViews.CompletenessView> completeness(
      @PathParam("service") String service) {
    String tenant = caller.get();
    String instance = "/api/v1/services/" + service + "/completeness";
    return completeness
        .ofService(tenant, service)
        .map(
            found ->
                found
                    .map(r -> CompletenessViews.CompletenessView.of(tenant, service, r))
                    .orElseThrow(
                        () ->
                            new ProblemException(
                                Problem.of(
                                    Response.Status.NOT_FOUND,
                                    "service-not-found",
                                    "No bottleneck of service " + service + " in your tenant.",
                                    instance))));
  }
}
