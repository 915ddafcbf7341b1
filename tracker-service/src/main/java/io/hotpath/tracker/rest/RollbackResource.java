package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.tracker.rollback.RollbackCommand;
import io.hotpath.tracker.service.RollbackExecution;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The caller's rollback commands and how each ended. */
@Path("/api/v1/rollbacks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "token")
public class RollbackResource {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final RollbackExecution rollbacks;
  private final CallerTenant caller;

  public RollbackResource(RollbackExecution rollbacks, CallerTenant caller) {
    this.rollbacks = rollbacks;
    this.caller = caller;
  }

  /** One command: what was asked, and what the executor did. */
  public record RollbackView(
      String commandId,
      String service,
      String environment,
      String version,
      String bottleneckFingerprint,
      RollbackMethod method,
      String target,
      String rollbackTo,
      String reason,
      String incidentKey,
      Instant requestedAt,
      RollbackCommand.Status status,
      String executor,
      boolean dryRun,
      int attempts,
      String detail,
      int duplicates,
      Instant claimedAt,
      Instant finishedAt) {
    static RollbackView of(RollbackCommand c) {
      return new RollbackView(
          c.commandId(),
          c.service(),
          c.environment(),
          c.version(),
          c.bottleneckFingerprint(),
          c.method(),
          c.target(),
          c.rollbackTo(),
          c.reason(),
          c.incidentKey(),
          c.requestedAt(),
          c.status(),
          c.executor(),
          c.dryRun(),
          c.attempts(),
          c.detail(),
          c.duplicates(),
          c.claimedAt(),
          c.finishedAt());
    }
  }

  @GET
  @Operation(
      summary = "The caller's rollback commands, newest first",
      description =
          "Each command the executor received (claimed), its status (RUNNING, SUCCEEDED, FAILED,"
              + " SKIPPED), executor, attempts and detail. Filters: service, bottleneck"
              + " (fingerprint); limit 1-200, default 50.")
  public Uni<List<RollbackView>> list(
      @QueryParam("service") String service,
      @QueryParam("bottleneck") String bottleneck,
      @QueryParam("limit") String limit) {
    int count = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        count = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        count = -1;
      }
      if (count < 1 || count > MAX_LIMIT) {
        throw new ProblemException(
            Problem.of(
                    Response.Status.BAD_REQUEST,
                    "invalid-query",
                    "limit must be an integer from 1 to " + MAX_LIMIT,
                    "/api/v1/rollbacks")
                .withErrors(
                    List.of(
                        Problem.Error.parameter(
                            "limit", "'" + limit + "' is not 1-" + MAX_LIMIT))));
      }
    }
    return rollbacks
        .ofTenant(caller.get(), present(service), present(bottleneck), count)
        .map(found -> found.stream().map(RollbackView::of).toList());
  }

  @GET
  @Path("/{commandId}")
  @Operation(
      summary = "One rollback command and its outcome",
      description = "404 if the caller's tenant has no command with that id.")
  public Uni<RollbackView> one(@PathParam("commandId") String commandId) {
    return rollbacks
        .one(caller.get(), commandId)
        .map(
            found -> {
              if (found == null) {
                throw new ProblemException(
                    Problem.of(
                        Response.Status.NOT_FOUND,
                        "rollback-not-found",
                        "Your tenant has no rollback command " + commandId + ".",
                        "/api/v1/rollbacks/" + commandId));
              }
              return RollbackView.of(found);
            });
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
