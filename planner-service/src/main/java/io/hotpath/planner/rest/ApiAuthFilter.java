package io.hotpath.planner.rest;

import io.hotpath.api.Problem;
import io.hotpath.api.TokenAuthenticator;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/} request before it is matched, so an unauthenticated caller
 * learns nothing, not even which paths exist. Health, metrics and OpenAPI stay open.
 */
public class ApiAuthFilter {
  private final TokenAuthenticator authenticator;
  private final CallerTenant caller;

  public ApiAuthFilter(TokenAuthenticator authenticator, CallerTenant caller) {
    this.authenticator = authenticator;
    this.caller = caller;
  }

  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
  public Optional<Response> authenticate(ContainerRequestContext request) {
    String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
    if (!path.startsWith("/api/") && !path.equals("/api")) {
      return Optional.empty();
    }
    Optional<String> tenant =
        authenticator.tenantFor(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (tenant.isEmpty()) {
      return Optional.of(
          Problem.of(
                  Response.Status.UNAUTHORIZED,
                  "unauthorized",
                  "Send Authorization: Bearer <token> with a token issued for your tenant.",
                  path)
              .toResponse()
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hotpath\"")
              .build());
    }
    caller.set(tenant.get());
    return Optional.empty();
  }
}
