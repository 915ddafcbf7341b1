package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.tracker.alert.AlertIncident;
import io.hotpath.tracker.alert.AlertmanagerNotification;
import io.hotpath.tracker.service.AlertIncidents;
import io.smallrye.mutiny.Uni;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Alertmanager's webhook receiver and the incidents it recorded. The webhook is authenticated like
 * every API call (Alertmanager sends the token through {@code http_config.authorization}); the
 * incidents belong to the token's tenant.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "token")
public class AlertResource {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final AlertIncidents alerts;
  private final CallerTenant caller;

  public AlertResource(AlertIncidents alerts, CallerTenant caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @POST
  @Path("/alertmanager")
  @Operation(
      summary = "Alertmanager webhook receiver (payload version 4)",
      description =
          "Records each alert as an incident per (tenant, groupKey, fingerprint); a repeat changes"
              + " nothing, a resolved alert closes its incident. A firing alert allowed by a"
              + " rollback rule and correlated with a deployed fix requests its rollback on"
              + " hotpath.rollbacks.v1. Unknown fields and labels are ignored; 400 names every"
              + " problem of a bad payload.")
  public Uni<AlertViews.WebhookResult> alertmanager(byte[] body) {
    String instance = "/api/v1/alerts/alertmanager";
    AlertmanagerNotification notification;
    try {
      notification = AlertmanagerNotification.parse(body);
    } catch (AlertmanagerNotification.Invalid invalid) {
      List<Problem.Error> errors =
          invalid.problems().stream()
              .map(p -> Problem.Error.pointer(p.pointer(), p.detail()))
              .toList();
      throw new ProblemException(
          Problem.of(
                  Response.Status.BAD_REQUEST,
                  "invalid-alertmanager-payload",
                  invalid.problems().stream()
                      .map(
                          p ->
                              p.detail()
                                  + " (at "
                                  + (p.pointer().isEmpty() ? "the body" : p.pointer())
                                  + ")")
                      .collect(Collectors.joining("; ")),
                  instance)
              .withErrors(errors));
    }
    return alerts
        .receive(caller.get(), notification)
        .map(received -> AlertViews.WebhookResult.of(notification.groupKey(), received));
  }

  @GET
  @Operation(
      summary = "The tenant's incidents from Alertmanager, newest first",
      description =
          "Optional status (FIRING, RESOLVED) and service filters; limit 1-500 (default 50).")
  public Uni<List<AlertViews.Incident>> incidents(
      @QueryParam("status") String status,
      @QueryParam("service") String service,
      @QueryParam("limit") String limit) {
    List<Problem.Error> errors = new ArrayList<>();
    Optional<AlertIncident.Status> statusFilter = Optional.empty();
    if (status != null && !status.isBlank()) {
      try {
        statusFilter =
            Optional.of(AlertIncident.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        errors.add(
            Problem.Error.parameter(
                "status",
                "'"
                    + status
                    + "' is not one of "
                    + Arrays.toString(AlertIncident.Status.values())));
      }
    }
    int max = limit(limit, errors);
    if (!errors.isEmpty()) {
      throw invalidQuery(errors, "/api/v1/alerts");
    }
    Optional<String> serviceFilter =
        service == null || service.isBlank() ? Optional.empty() : Optional.of(service.trim());
    return alerts
        .latest(caller.get(), statusFilter, serviceFilter, max)
        .map(list -> list.stream().map(AlertViews.Incident::of).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One incident", description = "404 if the caller's tenant has no such id.")
  public Uni<AlertViews.Incident> incident(@PathParam("id") String id) {
    String instance = "/api/v1/alerts/" + id;
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Uni.createFrom().failure(notFound(id, instance));
    }
    return alerts
        .one(caller.get(), number)
        .map(found -> found.map(AlertViews.Incident::of).orElseThrow(() -> notFound(id, instance)));
  }

  static int limit(String value, List<Problem.Error> errors) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1 && parsed <= MAX_LIMIT) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below like an out-of-range number.
    }
    errors.add(
        Problem.Error.parameter(
            "limit", "'" + value + "' is not an integer from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  static ProblemException invalidQuery(List<Problem.Error> errors, String instance) {
    return new ProblemException(
        Problem.of(
                Response.Status.BAD_REQUEST,
                "invalid-query",
                "Some query parameters are not valid; see errors.",
                instance)
            .withErrors(errors));
  }

  private static ProblemException notFound(String id, String instance) {
    return new ProblemException(
        Problem.of(
            Response.Status.NOT_FOUND,
            "incident-not-found",
            "No incident " + id + " in your tenant.",
            instance));
  }
}
