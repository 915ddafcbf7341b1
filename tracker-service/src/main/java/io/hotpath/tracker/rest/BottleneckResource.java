package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.lifecycle.StatusTransitions;
import io.hotpath.tracker.lifecycle.TransitionRefused;
import io.hotpath.tracker.lifecycle.TransitionRequest;
import io.hotpath.tracker.matrix.HumanIds;
import io.hotpath.tracker.matrix.Lifecycle;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.service.MatrixQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The tracking matrix of the caller's tenant. Query parameters are read as text and checked here,
 * so a bad value gets a 400 that names it instead of the framework's bare 404.
 */
@Path("/api/v1/bottlenecks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(
    securitySchemeName = "token",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A tenant's API token (Basic with the token as password works too)")
@SecurityRequirement(name = "token")
public class BottleneckResource {
  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 500;

  static final int ACTOR_MAX = 128;
  static final int REASON_MAX = 4000;

  private final MatrixQueries queries;
  private final StatusTransitions transitions;
  private final CallerTenant caller;

  public BottleneckResource(
      MatrixQueries queries, StatusTransitions transitions, CallerTenant caller) {
    this.queries = queries;
    this.transitions = transitions;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "The tracking matrix",
      description =
          "Bottlenecks of the caller's tenant, most severe first, then by human id; optional"
              + " equality filters; page is 0-based, size 1-500 (default 50).")
  public Uni<MatrixViews.MatrixPage> matrix(
      @QueryParam("service") String service,
      @QueryParam("environment") String environment,
      @QueryParam("status") String status,
      @QueryParam("severity") String severity,
      @QueryParam("type") String type,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    List<Problem.Error> errors = new ArrayList<>();
    var filter =
        new BottleneckRepository.Filter(
            text(service),
            text(environment),
            enumValue("status", status, BottleneckStatus.class, errors),
            enumValue("severity", severity, Severity.class, errors),
            enumValue("type", type, BottleneckType.class, errors));
    int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE, errors);
    int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(
                  Response.Status.BAD_REQUEST,
                  "invalid-query",
                  "Some query parameters are not valid; see errors.",
                  "/api/v1/bottlenecks")
              .withErrors(errors));
    }
    return queries.page(caller.get(), filter, pageNumber, pageSize).map(MatrixViews.MatrixPage::of);
  }

  @GET
  @Path("/{humanId}")
  @Operation(
      summary = "One bottleneck with its plan and status history",
      description = "404 if the caller's tenant has no bottleneck with this human id.")
  public Uni<MatrixViews.BottleneckDetail> bottleneck(@PathParam("humanId") String humanId) {
    String instance = "/api/v1/bottlenecks/" + humanId;
    if (!HumanIds.isValid(humanId)) {
      return Uni.createFrom().failure(notFound(humanId, instance));
    }
    return queries
        .byHumanId(caller.get(), humanId)
        .map(
            found ->
                found
                    .map(MatrixViews.BottleneckDetail::of)
                    .orElseThrow(() -> notFound(humanId, instance)));
  }

  /**
   * The body of a transition request. Fields are text so that a bad value gets a 400 naming it.
   *
   * @param from optional: the status the caller believes the bottleneck has; if it moved since, 409
   */
  public record TransitionBody(
      String to, String actor, String reason, String justification, String from) {}

  /** Where a bottleneck can go from here through the API. */
  public record NextSteps(
      String humanId,
      BottleneckStatus status,
      Severity severity,
      List<BottleneckStatus> allowed,
      boolean deferrable,
      String completion) {}

  @GET
  @Path("/{humanId}/transitions")
  @Operation(
      summary = "What a bottleneck may move to now",
      description =
          "The statuses a transition request would be accepted for, given its status and severity.")
  public Uni<NextSteps> nextSteps(@PathParam("humanId") String humanId) {
    String instance = "/api/v1/bottlenecks/" + humanId + "/transitions";
    if (!HumanIds.isValid(humanId)) {
      return Uni.createFrom().failure(notFound(humanId, instance));
    }
    return queries
        .byHumanId(caller.get(), humanId)
        .map(
            found -> {
              var b = found.orElseThrow(() -> notFound(humanId, instance)).bottleneck();
              return new NextSteps(
                  b.humanId(),
                  b.status(),
                  b.severity(),
                  Lifecycle.allowedThroughApi(b.status(), b.severity()),
                  Lifecycle.deferrable(b.severity()),
                  "COMPLETED is set by a validation that measured the improvement against the"
                      + " baseline");
            });
  }

  @POST
  @Path("/{humanId}/transitions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Move a bottleneck in its lifecycle",
      description =
          "Moves the status, records who, when and why in the history, and publishes"
              + " BottleneckStatusChanged on hotpath.status-changes.v1 before answering. 409 with"
              + " from, to and allowed when the lifecycle does not allow the move, when a"
              + " CRITICAL/HIGH bottleneck would be deferred, for COMPLETED (a validation's), and"
              + " when a concurrent change won; 400 for DEFERRED without a justification.")
  public Uni<MatrixViews.TransitionResult> transition(
      @PathParam("humanId") String humanId, TransitionBody body) {
    String instance = "/api/v1/bottlenecks/" + humanId + "/transitions";
    if (!HumanIds.isValid(humanId)) {
      return Uni.createFrom().failure(notFound(humanId, instance));
    }
    TransitionRequest request = transitionRequest(body, instance);
    String tenant = caller.get();
    return transitions
        .transition(tenant, humanId, request)
        .onFailure(TransitionRefused.class)
        .transform(failure -> refused((TransitionRefused) failure, instance))
        .chain(
            done -> {
              if (done.isEmpty()) {
                return Uni.createFrom().failure(notFound(humanId, instance));
              }
              return queries
                  .byHumanId(tenant, humanId)
                  .map(
                      now ->
                          MatrixViews.TransitionResult.of(
                              done.get(), now.orElseThrow(() -> notFound(humanId, instance))));
            });
  }

  private static TransitionRequest transitionRequest(TransitionBody body, String instance) {
    List<Problem.Error> errors = new ArrayList<>();
    if (body == null) {
      errors.add(Problem.Error.pointer("", "a JSON body {to, actor, reason} is required"));
      throw invalidBody(errors, instance);
    }
    BottleneckStatus to = statusField("/to", body.to(), true, errors);
    BottleneckStatus from = statusField("/from", body.from(), false, errors);
    String actor = requiredText("/actor", body.actor(), ACTOR_MAX, errors);
    String reason = requiredText("/reason", body.reason(), REASON_MAX, errors);
    String justification =
        body.justification() == null || body.justification().isBlank()
            ? null
            : body.justification().trim();
    if (to == BottleneckStatus.DEFERRED && justification == null) {
      errors.add(
          Problem.Error.pointer(
              "/justification", "DEFERRED needs a justification: why it is not fixed now"));
    }
    if (justification != null && justification.length() > REASON_MAX) {
      errors.add(Problem.Error.pointer("/justification", "at most " + REASON_MAX + " characters"));
    }
    if (!errors.isEmpty()) {
      throw invalidBody(errors, instance);
    }
    return new TransitionRequest(to, actor, reason, justification, from);
  }

  private static ProblemException invalidBody(List<Problem.Error> errors, String instance) {
    return new ProblemException(
        Problem.of(
                Response.Status.BAD_REQUEST,
                "invalid-body",
                errors.stream()
                    .map(e -> e.detail() + " (at " + e.pointer() + ")")
                    .collect(java.util.stream.Collectors.joining("; ")),
                instance)
            .withErrors(errors));
  }

  private static BottleneckStatus statusField(
      String pointer, String value, boolean required, List<Problem.Error> errors) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(
            Problem.Error.pointer(
                pointer, "required, one of " + Arrays.toString(BottleneckStatus.values())));
      }
      return null;
    }
    try {
      return BottleneckStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          Problem.Error.pointer(
              pointer,
              "'" + value + "' is not one of " + Arrays.toString(BottleneckStatus.values())));
      return null;
    }
  }

  private static String requiredText(
      String pointer, String value, int max, List<Problem.Error> errors) {
    if (value == null || value.isBlank()) {
      errors.add(Problem.Error.pointer(pointer, "required"));
      return null;
    }
    if (value.trim().length() > max) {
      errors.add(Problem.Error.pointer(pointer, "at most " + max + " characters"));
      return null;
    }
    return value.trim();
  }

  private static ProblemException refused(TransitionRefused refused, String instance) {
    String kind =
        switch (refused.reason()) {
          case NOT_ALLOWED -> "transition-not-allowed";
          case NOT_DEFERRABLE -> "deferral-not-allowed";
          case NEEDS_VALIDATION -> "completion-needs-validation";
          case CONFLICT -> "transition-conflict";
        };
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("humanId", refused.humanId());
    if (refused.from() != null) {
      extensions.put("from", refused.from());
    }
    extensions.put("to", refused.to());
    if (refused.severity() != null) {
      extensions.put("severity", refused.severity());
      extensions.put("allowed", refused.allowed());
    }
    return new ProblemException(
        Problem.of(Response.Status.CONFLICT, kind, refused.getMessage(), instance), extensions);
  }

  private static ProblemException notFound(String humanId, String instance) {
    return new ProblemException(
        Problem.of(
            Response.Status.NOT_FOUND,
            "bottleneck-not-found",
            "No bottleneck " + humanId + " in your tenant.",
            instance));
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static <E extends Enum<E>> Optional<E> enumValue(
      String name, String value, Class<E> type, List<Problem.Error> errors) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      errors.add(
          Problem.Error.parameter(
              name, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants())));
      return Optional.empty();
    }
  }

  private static int number(
      String name, String value, int fallback, int min, int max, List<Problem.Error> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below like an out-of-range number.
    }
    errors.add(
        Problem.Error.parameter(
            name,
            "'"
                + value
                + "' is not an integer from "
                + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max)));
    return fallback;
  }
}
