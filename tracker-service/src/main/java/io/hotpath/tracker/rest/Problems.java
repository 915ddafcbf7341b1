package io.hotpath.tracker.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every client error into {@code application/problem+json}, including the framework's. */
public class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    if (e.extensions().isEmpty()) {
      return e.problem().toResponse().build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.putAll(JSON.convertValue(e.problem(), new TypeReference<Map<String, Object>>() {}));
    body.putAll(e.extensions());
    return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  /** 404 for unknown paths, 405, 406, 415...: the framework's own 4xx, in the same form. */
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
