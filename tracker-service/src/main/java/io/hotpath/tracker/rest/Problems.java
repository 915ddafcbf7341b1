package io.hotpath.tracker.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every client error into {@code application/problem+json}, including the framework's. */
public class Problems {

  static Response.ResponseBuilder response(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return response(e.problem()).build();
  }

  /** 404 for unknown paths, 405, 406, 415...: the framework's own 4xx, in the same form. */
  @ServerExceptionMapper
  public Response framework(WebApplicationException e, UriInfo uri) {
    Response original = e.getResponse();
    if (original.getStatus() < 400 || original.getStatus() >= 500) {
      return original;
    }
    Response.StatusType status = original.getStatusInfo();
    Response.ResponseBuilder builder =
        Response.status(status.getStatusCode())
            .type(Problem.MEDIA_TYPE)
            .entity(
                new Problem(
                    "about:blank",
                    status.getReasonPhrase(),
                    status.getStatusCode(),
                    e.getMessage(),
                    "/" + uri.getPath().replaceFirst("^/", ""),
                    null));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> builder.header(name, value));
              }
            });
    return builder.build();
  }
}
