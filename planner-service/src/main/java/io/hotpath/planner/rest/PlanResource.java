package io.hotpath.planner.rest;

import io.hotpath.api.Problem;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.coverage.CoverageReport;
import io.hotpath.planner.service.PlannerService;
import io.hotpath.planner.service.ServicePlan;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The plans of the caller's tenant as the planner holds them now: a bottleneck's plan with its
 * current place in the order, a service's ordered plans with the dependency graph, and a service's
 * coverage. The tenant comes from the token only.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(
    securitySchemeName = "token",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A tenant's API token (Basic with the token as password works too)")
@SecurityRequirement(name = "token")
@APIResponse(
    responseCode = "401",
    description = "No or unknown token",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples =
                @ExampleObject(
                    name = "unauthorized",
                    value =
                        "{\"type\":\"urn:hotpath:problem:unauthorized\",\"title\":\"Unauthorized\","
                            + "\"status\":401,\"detail\":\"Send Authorization: Bearer <token> with"
                            + " a token issued for your tenant.\",\"instance\":"
                            + "\"/api/v1/services/checkout/plan\"}")))
public class PlanResource {
  private static final String PLAN_EXAMPLE =
      """
      {"eventId":"6c59af0e-1edf-35ea-becd-684c9c0dbe16","schemaVersion":1,"tenant":"demo",
       "service":"checkout","environment":"prod","version":"1.4.2","eventTime":"2026-11-26T10:15:31Z",
       "planId":"plan-2b2e0530c98dd2b9","bottleneckFingerprint":"15a23389664ea12125279d59b36d7f96",
       "bottleneckType":"N_PLUS_ONE","severity":"HIGH",
       "strategy":{"playbookId":"n-plus-one-batch-load",
         "approach":"Load in one round-trip with a JOIN or a batch load",
         "steps":["Find the loop in checkout that runs select * from order_line where order_id = ? once per parent (query:9f2c1a)"],
         "validation":{"metric":"trace.repeated-query.total.ms[query:9f2c1a]","target":"<= 12"},
         "expectedImprovement":{"value":108.0,"unit":"ms per request",
           "summary":"query:9f2c1a ~108 ms per request saved: the repeats collapse into one ~12 ms round-trip"},
         "risk":"MEDIUM"},
       "rollback":{"method":"KUBERNETES_ROLLOUT_UNDO","automated":true,"timeToRollback":"PT5M",
         "steps":["kubectl rollout undo deployment/checkout in prod"]},
       "effort":{"size":"S","personDays":2.0},"rank":1,"dependsOn":[],
       "catalogVersion":"sha256:3f2a9c0d1e4b"}
      """;

  private static final String SERVICE_PLAN_EXAMPLE =
      """
      {"tenant":"demo","service":"checkout","plans":["(plans as in GET /api/v1/plans/{fingerprint}, by rank)"],
       "graph":{"nodes":[
           {"planId":"plan-2b2e0530c98dd2b9","fingerprint":"15a23389664ea12125279d59b36d7f96","type":"N_PLUS_ONE","severity":"CRITICAL","location":"query:9f2c1a","rank":1},
           {"planId":"plan-a07bfc0f69c169e5","fingerprint":"96e6bb9b6ad6ac7ee653eebfbf79b4b9","type":"SLOW_QUERY","severity":"HIGH","location":"query:9f2c1a","rank":2}],
         "edges":[{"from":"plan-2b2e0530c98dd2b9","to":"plan-a07bfc0f69c169e5","reasons":["same query:9f2c1a"],"broken":false}],
         "cycles":[]}}
      """;

  private static final String COVERAGE_EXAMPLE =
      """
      {"tenant":"demo","service":"checkout","complete":false,"planned":1,"deferred":1,"gaps":1,
       "bySeverity":{"CRITICAL":{"planned":0,"deferred":0,"gaps":1},"HIGH":{"planned":1,"deferred":0,"gaps":0},
         "MEDIUM":{"planned":0,"deferred":0,"gaps":0},"LOW":{"planned":0,"deferred":1,"gaps":0}},
       "bottlenecks":[
         {"fingerprint":"77aa01c2...","type":"N_PLUS_ONE","severity":"CRITICAL","location":"query:77aa01","status":"GAP",
          "playbookId":"n-plus-one-batch-load","reason":"missing-evidence",
          "detail":"evidence lacks totalMs, meanMs that playbook n-plus-one-batch-load needs","catalogVersion":"sha256:3f2a9c0d1e4b"},
         {"fingerprint":"5e1f0a9b...","type":"CACHE_MISS_RATE","severity":"LOW","location":"cache:prices","status":"DEFERRED",
          "playbookId":"cache-miss-tune","justification":"A LOW miss rate on cache:prices costs little ...",
          "impactOfNotFixing":"hit rate 0.82 on cache:prices","catalogVersion":"sha256:3f2a9c0d1e4b"}]}
      """;

  private final PlannerService planner;
  private final CallerTenant caller;

  public PlanResource(PlannerService planner, CallerTenant caller) {
    this.planner = planner;
    this.caller = caller;
  }

  @GET
  @Path("/plans/{fingerprint}")
  @Operation(
      summary = "The plan of a bottleneck",
      description =
          "The plan the planner proposed for the bottleneck with this fingerprint, with its"
              + " current rank and dependencies in the service's order. 404 when the caller's"
              + " tenant has no such bottleneck, or it has no plan (deferred, or a coverage gap;"
              + " the detail says which).")
  @APIResponse(
      responseCode = "200",
      description = "The plan",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PlanProposed.class),
              examples = @ExampleObject(name = "n-plus-one", value = PLAN_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No plan for this fingerprint in the caller's tenant",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public PlanProposed plan(
      @Parameter(
              description = "The bottleneck's fingerprint",
              example = "15a23389664ea12125279d59b36d7f96")
          @PathParam("fingerprint")
          String fingerprint) {
    String tenant = caller.get();
    String instance = "/api/v1/plans/" + fingerprint;
    return planner
        .planOf(tenant, fingerprint)
        .orElseThrow(
            () -> {
              String detail =
                  planner
                      .tracked(tenant, fingerprint)
                      .map(
                          tracked ->
                              switch (tracked.status()) {
                                case DEFERRED ->
                                    "Bottleneck "
                                        + fingerprint
                                        + " is deferred: "
                                        + tracked.justification();
                                case GAP ->
                                    "Bottleneck "
                                        + fingerprint
                                        + " is a coverage gap: "
                                        + tracked.gap().detail();
                                case PLANNED -> "No plan for bottleneck " + fingerprint + ".";
                              })
                      .orElse("No bottleneck " + fingerprint + " in your tenant.");
              return new ProblemException(
                  Problem.of(Response.Status.NOT_FOUND, "plan-not-found", detail, instance));
            });
  }

  @GET
  @Path("/services/{service}/plan")
  @Operation(
      summary = "A service's ordered plans with their dependency graph",
      description =
          "Plans ranked by severity, then impact per person-day, in an order that respects their"
              + " dependencies (plans touching the same function, query or component; a"
              + " playbook's `after`). Edges go from the plan implemented first to the one that"
              + " depends on it; a cycle is listed in `cycles` and broken by implementing its"
              + " highest-ranked plan first (its edge is marked `broken`).")
  @APIResponse(
      responseCode = "200",
      description = "The ordered plans and the graph",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ServicePlan.class),
              examples = @ExampleObject(name = "checkout", value = SERVICE_PLAN_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "The planner holds no bottleneck of this service for the caller's tenant",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ServicePlan servicePlan(
      @Parameter(description = "The service name", example = "checkout") @PathParam("service")
          String service) {
    return planner
        .servicePlan(caller.get(), service)
        .orElseThrow(() -> serviceNotFound(service, "/api/v1/services/" + service + "/plan"));
  }

  @GET
  @Path("/services/{service}/coverage")
  @Operation(
      summary = "A service's coverage report",
      description =
          "Every active bottleneck of the service: PLANNED, DEFERRED (MEDIUM/LOW only, with a"
              + " justification and the impact of not fixing it) or GAP (no playbook applies, or"
              + " the evidence lacks what the playbook needs). `complete` is true when there is no"
              + " gap.")
  @APIResponse(
      responseCode = "200",
      description = "The coverage report",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CoverageReport.class),
              examples = @ExampleObject(name = "checkout", value = COVERAGE_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "The planner holds no bottleneck of this service for the caller's tenant",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public CoverageReport coverage(
      @Parameter(description = "The service name", example = "checkout") @PathParam("service")
          String service) {
    return planner
        .coverage(caller.get(), service)
        .orElseThrow(() -> serviceNotFound(service, "/api/v1/services/" + service + "/coverage"));
  }

  private static ProblemException serviceNotFound(String service, String instance) {
    return new ProblemException(
        Problem.of(
            Response.Status.NOT_FOUND,
            "service-not-found",
            "No active bottleneck of service " + service + " in your tenant.",
            instance));
  }
}
