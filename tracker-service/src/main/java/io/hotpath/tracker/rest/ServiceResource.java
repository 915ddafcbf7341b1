package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.tracker.baseline.BaselineFigures;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.gate.Measurements;
import io.hotpath.tracker.gate.ServiceBaseline;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.CompletenessQueries;
import io.hotpath.tracker.service.Gates;
import io.hotpath.tracker.service.ReportQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** One service of the caller's tenant: its completeness, its baseline and the CI gate. */
@Path("/api/v1/services/{service}")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "token")
public class ServiceResource {
  static final int ACTOR_MAX = 128;

  private final CompletenessQueries completeness;
  private final Gates gates;
  private final CallerTenant caller;
  private final Baselines measured;
  private final ReportQueries reports;

  public ServiceResource(
      CompletenessQueries completeness,
      Gates gates,
      CallerTenant caller,
      Baselines measured,
      ReportQueries reports) {
    this.completeness = completeness;
    this.gates = gates;
    this.caller = caller;
    this.measured = measured;
    this.reports = reports;
  }

  @GET
  @Path("/report")
  @Produces({MediaType.APPLICATION_JSON, ReportResponses.MARKDOWN, MediaType.TEXT_HTML})
  @Operation(
      summary = "The service's optimization report",
      description =
          "Executive summary (startup, memory and p95 against the baseline), the optimizations"
              + " with approach, measured improvement, validations and rollback availability,"
              + " rollback procedures and monitoring guidance. JSON, Markdown (Accept:"
              + " text/markdown or ?format=md) or HTML (Accept: text/html or ?format=html). 404"
              + " if the caller's tenant knows nothing of the service.")
  public Uni<Response> report(
      @PathParam("service") String service,
      @QueryParam("format") String format,
      @Context HttpHeaders headers) {
    String instance = "/api/v1/services/" + service + "/report";
    ReportResponses.Format chosen = ReportResponses.choose(format, headers, instance);
    return reports
        .ofService(caller.get(), service)
        .map(
            found ->
                ReportResponses.render(
                    found.orElseThrow(
                        () ->
                            new ProblemException(
                                Problem.of(
                                    Response.Status.NOT_FOUND,
                                    "service-not-found",
                                    "Nothing is known of service " + service + " in your tenant.",
                                    instance))),
                    chosen));
  }

  @GET
  @Path("/baselines")
  @Operation(
      summary = "The service's measured baselines, per environment and version",
      description =
          "Computed from the telemetry reports: cold and warm start, time to ready, startup"
              + " memory and phases; per endpoint p50/p95/p99, throughput, error and timeout"
              + " rates; CPU, heap, RSS, heap growth, DB connections; functional checks. 404 if"
              + " no report of the service (of that version) arrived in the caller's tenant.")
  public Uni<List<BaselineViews.MeasuredBaselineView>> baselines(
      @PathParam("service") String service,
      @QueryParam("version") String version,
      @QueryParam("environment") String environment) {
    String instance = "/api/v1/services/" + service + "/baselines";
    String wanted = version == null || version.isBlank() ? null : version.trim();
    return measured
        .ofService(caller.get(), service, wanted)
        .map(
            found -> {
              List<BaselineViews.MeasuredBaselineView> views =
                  found.stream()
                      .filter(
                          b ->
                              environment == null
                                  || environment.isBlank()
                                  || b.key().environment().equals(environment.trim()))
                      .map(BaselineViews.MeasuredBaselineView::of)
                      .toList();
              if (views.isEmpty()) {
                throw new ProblemException(
                    Problem.of(
                        Response.Status.NOT_FOUND,
                        "no-measured-baseline",
                        "No telemetry report of service "
                            + service
                            + (wanted == null ? "" : " version " + wanted)
                            + " arrived in your tenant.",
                        instance));
              }
              return views;
            });
  }

  @PUT
  @Path("/baseline")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the service's baseline",
      description =
          "The figures the CI gate compares candidates with: version, startupMs, memoryMb,"
              + " endpoints (p95 ms each) and the fingerprints of known bottlenecks (when left"
              + " out: every bottleneck the tracker has of the service now).")
  public Uni<GateViews.BaselineView> setBaseline(
      @PathParam("service") String service, GateViews.MeasurementsBody body) {
    String instance = "/api/v1/services/" + service + "/baseline";
    if (onlyVersion(body)) {
      return fromTelemetry(service, body, instance);
    }
    Measurements measured = measurements(body, instance);
    return gates
        .setBaseline(
            caller.get(),
            service,
            measured,
            body.bottlenecks() != null,
            actorOf(body),
            ServiceBaseline.Source.PUT)
        .map(GateViews.BaselineView::of);
  }

  /** A body that names a version (and maybe an environment) but no figures. */
  private static boolean onlyVersion(GateViews.MeasurementsBody body) {
    return body != null
        && body.version() != null
        && !body.version().isBlank()
        && body.startupMs() == null
        && body.memoryMb() == null
        && body.endpoints() == null;
  }

  /**
   * The gate baseline from the version's measured baseline: startup (cold start, else warm, else
   * time to ready), memory (RSS, else heap used, else startup memory) and each endpoint's p95.
   */
  private Uni<GateViews.BaselineView> fromTelemetry(
      String service, GateViews.MeasurementsBody body, String instance) {
    String tenant = caller.get();
    String version = body.version().trim();
    String environment =
        body.environment() == null || body.environment().isBlank()
            ? null
            : body.environment().trim();
    return measured
        .ofService(tenant, service, version)
        .chain(
            found -> {
              List<MeasuredBaseline> candidates =
                  found.stream()
                      .filter(b -> environment == null || b.key().environment().equals(environment))
                      .toList();
              if (candidates.isEmpty()) {
                throw new ProblemException(
                    Problem.of(
                        Response.Status.CONFLICT,
                        "no-measured-baseline",
                        "No telemetry of "
                            + service
                            + " "
                            + version
                            + (environment == null ? "" : " in " + environment)
                            + " arrived; send startupMs and memoryMb instead.",
                        instance));
              }
              if (candidates.size() > 1) {
                throw new ProblemException(
                    Problem.of(
                            Response.Status.BAD_REQUEST,
                            "invalid-body",
                            "version "
                                + version
                                + " was measured in several environments; name one",
                            instance)
                        .withErrors(
                            List.of(
                                Problem.Error.pointer(
                                    "/environment",
                                    "one of "
                                        + candidates.stream()
                                            .map(b -> b.key().environment())
                                            .toList()))));
              }
              BaselineFigures figures = candidates.get(0).figures();
              BaselineFigures.Figure startup = figures.startupFigure();
              BaselineFigures.Figure memory = figures.memoryFigure();
              if (startup == null
                  || memory == null
                  || !(startup.value() > 0)
                  || !(memory.value() > 0)) {
                throw new ProblemException(
                    Problem.of(
                        Response.Status.CONFLICT,
                        "no-measured-baseline",
                        "The telemetry of "
                            + service
                            + " "
                            + version
                            + " has no "
                            + (startup == null || !(startup.value() > 0) ? "startup" : "memory")
                            + " figure yet; send startupMs and memoryMb instead.",
                        instance));
              }
              Map<String, Double> endpoints = new TreeMap<>();
              figures
                  .endpoints()
                  .forEach(
                      (route, e) -> {
                        if (e.p95Ms() != null && e.p95Ms() > 0) {
                          endpoints.put(route, e.p95Ms());
                        }
                      });
              List<String> bottlenecks =
                  body.bottlenecks() == null
                      ? List.of()
                      : body.bottlenecks().stream().map(String::trim).toList();
              return gates.setBaseline(
                  tenant,
                  service,
                  new Measurements(
                      version, startup.value(), memory.value(), endpoints, bottlenecks),
                  body.bottlenecks() != null,
                  actorOf(body),
                  ServiceBaseline.Source.MEASURED);
            })
        .map(GateViews.BaselineView::of);
  }

  @GET
  @Path("/baseline")
  @Operation(summary = "The service's baseline", description = "404 if none was set.")
  public Uni<GateViews.BaselineView> baseline(@PathParam("service") String service) {
    String instance = "/api/v1/services/" + service + "/baseline";
    return gates
        .baseline(caller.get(), service)
        .map(
            found ->
                found
                    .map(GateViews.BaselineView::of)
                    .orElseThrow(() -> noBaseline(service, instance, Response.Status.NOT_FOUND)));
  }

  @POST
  @Path("/gate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "CI gate: compare a candidate version with the baseline",
      description =
          "pass or fail under the regression rules (startup < 1.2 x baseline, memory < 1.2 x,"
              + " each endpoint p95 < 1.5 x, no bottleneck the baseline did not know), with the"
              + " numbers in the reasons. 409 if the service has no baseline. Without bottlenecks,"
              + " the candidate's are those the tracker saw in its version. With promote=true a"
              + " passing candidate becomes the baseline.")
  public Uni<GateViews.GateView> gate(
      @PathParam("service") String service, GateViews.MeasurementsBody body) {
    String instance = "/api/v1/services/" + service + "/gate";
    Measurements candidate = measurements(body, instance);
    return gates
        .gate(
            caller.get(),
            service,
            candidate,
            body.bottlenecks() != null,
            Boolean.TRUE.equals(body.promote()),
            actorOf(body))
        .map(
            found ->
                found
                    .map(outcome -> GateViews.GateView.of(service, outcome))
                    .orElseThrow(() -> noBaseline(service, instance, Response.Status.CONFLICT)));
  }

  @GET
  @Path("/gate-runs")
  @Operation(
      summary = "The service's latest CI gate answers",
      description = "Newest first; limit 1-200, default 20.")
  public Uni<List<GateViews.GateRunView>> gateRuns(
      @PathParam("service") String service, @QueryParam("limit") String limit) {
    int count = 20;
    if (limit != null && !limit.isBlank()) {
      try {
        count = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        count = -1;
      }
      if (count < 1 || count > 200) {
        throw new ProblemException(
            Problem.of(
                    Response.Status.BAD_REQUEST,
                    "invalid-query",
                    "limit must be an integer from 1 to 200",
                    "/api/v1/services/" + service + "/gate-runs")
                .withErrors(
                    List.of(Problem.Error.parameter("limit", "'" + limit + "' is not 1-200"))));
      }
    }
    return gates
        .runs(caller.get(), service, count)
        .map(runs -> runs.stream().map(GateViews.GateRunView::of).toList());
  }

  private static ProblemException noBaseline(
      String service, String instance, Response.Status status) {
    return new ProblemException(
        Problem.of(
            status,
            "no-baseline",
            "Service "
                + service
                + " has no baseline in your tenant; set one with PUT /api/v1/services/"
                + service
                + "/baseline.",
            instance));
  }

  private static String actorOf(GateViews.MeasurementsBody body) {
    return body.actor() == null || body.actor().isBlank() ? null : body.actor().trim();
  }

  /** Checks a measurements body; 400 naming every bad field. */
  private static Measurements measurements(GateViews.MeasurementsBody body, String instance) {
    List<Problem.Error> errors = new ArrayList<>();
    if (body == null) {
      errors.add(
          Problem.Error.pointer("", "a JSON body {version, startupMs, memoryMb} is required"));
    } else {
      if (body.version() == null || body.version().isBlank()) {
        errors.add(Problem.Error.pointer("/version", "required"));
      }
      positive("/startupMs", body.startupMs(), true, errors);
      positive("/memoryMb", body.memoryMb(), true, errors);
      if (body.endpoints() != null) {
        body.endpoints()
            .forEach(
                (endpoint, p95) -> {
                  if (endpoint == null || endpoint.isBlank()) {
                    errors.add(Problem.Error.pointer("/endpoints", "an endpoint name is blank"));
                  } else {
                    positive("/endpoints/" + pointerEscape(endpoint), p95, true, errors);
                  }
                });
      }
      if (body.bottlenecks() != null) {
        for (int i = 0; i < body.bottlenecks().size(); i++) {
          String fingerprint = body.bottlenecks().get(i);
          if (fingerprint == null || fingerprint.isBlank()) {
            errors.add(Problem.Error.pointer("/bottlenecks/" + i, "a fingerprint is required"));
          }
        }
      }
      if (body.actor() != null && body.actor().trim().length() > ACTOR_MAX) {
        errors.add(Problem.Error.pointer("/actor", "at most " + ACTOR_MAX + " characters"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(
                  Response.Status.BAD_REQUEST,
                  "invalid-body",
                  errors.stream()
                      .map(e -> e.detail() + " (at " + e.pointer() + ")")
                      .collect(Collectors.joining("; ")),
                  instance)
              .withErrors(errors));
    }
    return new Measurements(
        body.version().trim(),
        body.startupMs(),
        body.memoryMb(),
        body.endpoints() == null ? Map.of() : body.endpoints(),
        body.bottlenecks() == null
            ? List.of()
            : body.bottlenecks().stream().map(String::trim).toList());
  }

  private static void positive(
      String pointer, Double value, boolean required, List<Problem.Error> errors) {
    if (value == null) {
      if (required) {
        errors.add(Problem.Error.pointer(pointer, "required, a number above 0"));
      }
    } else if (!(value > 0) || value.isInfinite()) {
      errors.add(Problem.Error.pointer(pointer, "must be a number above 0, not " + value));
    }
  }

  /** RFC 6901: {@code ~} and {@code /} in a member name. */
  private static String pointerEscape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
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
