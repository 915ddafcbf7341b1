package io.hotpath.tracker.rest;

import io.hotpath.tracker.service.ReportQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The optimization report of the caller's whole fleet. */
@Path("/api/v1/report")
@SecurityRequirement(name = "token")
public class FleetReportResource {
  private final ReportQueries reports;
  private final CallerTenant caller;

  public FleetReportResource(ReportQueries reports, CallerTenant caller) {
    this.reports = reports;
    this.caller = caller;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, ReportResponses.MARKDOWN, MediaType.TEXT_HTML})
  @Operation(
      summary = "The fleet's optimization report",
      description =
          "The service report's sections over every service of the caller's tenant: one summary"
              + " line per service. JSON, Markdown (text/markdown, ?format=md) or HTML"
              + " (text/html, ?format=html).")
  public Uni<Response> report(@QueryParam("format") String format, @Context HttpHeaders headers) {
    ReportResponses.Format chosen = ReportResponses.choose(format, headers, "/api/v1/report");
    return reports.ofFleet(caller.get()).map(r -> ReportResponses.render(r, chosen));
  }
}
