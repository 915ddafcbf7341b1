package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.tracker.matrix.HumanIds;
import io.hotpath.tracker.service.AlertIncidents;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The alerts a bottleneck's fix was blamed for: the incidents correlated with it, and the rollback
 * each requested. The status history keeps transitions only; this is the bottleneck's alert record.
 */
@Path("/api/v1/bottlenecks/{humanId}/incidents")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "token")
public class BottleneckIncidentResource {
  private final AlertIncidents alerts;
  private final CallerTenant caller;

  public BottleneckIncidentResource(AlertIncidents alerts, CallerTenant caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Incidents correlated with one bottleneck's fix, newest first",
      description = "404 if the caller's tenant has no bottleneck with this human id.")
  public Uni<List<AlertViews.Incident>> incidents(
      @PathParam("humanId") String humanId, @QueryParam("limit") String limit) {
    String instance = "/api/v1/bottlenecks/" + humanId + "/incidents";
    if (!HumanIds.isValid(humanId)) {
      return Uni.createFrom().failure(notFound(humanId, instance));
    }
    List<Problem.Error> errors = new ArrayList<>();
    int max = AlertResource.limit(limit, errors);
    if (!errors.isEmpty()) {
      throw AlertResource.invalidQuery(errors, instance);
    }
    return alerts
        .ofBottleneck(caller.get(), humanId, max)
        .map(
            found ->
                found
                    .map(list -> list.stream().map(AlertViews.Incident::of).toList())
                    .orElseThrow(() -> notFound(humanId, instance)));
  }

  private static ProblemException notFound(String humanId, String instance) {
    return new ProblemException(
        Problem.of(
            Response.Status.NOT_FOUND,
            "bottleneck-not-found",
            "No bottleneck " + humanId + " in your tenant.",
            instance));
  }
}
