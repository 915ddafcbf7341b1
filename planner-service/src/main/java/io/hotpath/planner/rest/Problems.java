package io.hotpath.planner.rest;

import io.hotpath.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every client error into {@code application/problem+json}, including the framework's. */
public class Problems {

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return e.problem().toResponse().build();
  }

  /** 404 for unknown paths, 405, 406...: the framework's own 4xx, in the same form. */
  @ServerExceptionMapper
  public Response framework(WebApplicationException e, UriInfo uri) {
    Response original = e.getResponse();
    if (original.getStatus() < 400 || original.getStatus() >= 500) {
      return original;
    }
    Response.StatusType status = original.getStatusInfo();
    return new Problem(
            "about:blank",
            status.getReasonPhrase(),
            status.getStatusCode(),
            e.getMessage(),
            "/" + uri.getPath().replaceFirst("^/", ""),
            List.of())
        .toResponseReplacing(original)
        .build();
  }
}
