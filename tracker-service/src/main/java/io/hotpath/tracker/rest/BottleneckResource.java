package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.matrix.HumanIds;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.service.MatrixQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

  private final MatrixQueries queries;
  private final CallerTenant caller;

  public BottleneckResource(MatrixQueries queries, CallerTenant caller) {
    this.queries = queries;
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
