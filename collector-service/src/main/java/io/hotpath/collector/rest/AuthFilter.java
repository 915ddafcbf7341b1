package io.hotpath.collector.rest;

import io.hotpath.api.Problem;
import io.hotpath.api.TokenAuthenticator;
import io.hotpath.collector.service.IngestKind;
import io.hotpath.collector.service.IngestMetrics;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets an ingest or API request through only with a known token, and records the tenant the token
 * is bound to: resources take the tenant from here, never from the body. Health, metrics and the
 * OpenAPI document under {@code /q} stay open.
 */
public class AuthFilter {
  /** Request property holding the authenticated tenant. */
  static final String TENANT = "io.hotpath.collector.tenant";

  /**
   * The tenant header Pyroscope (and Loki, Mimir) agents send; it may only name the token's own
   * tenant.
   */
  static final String SCOPE_ORG_ID = "X-Scope-OrgID";

  /**
   * Paths that need a token: the Hotpath API, and already the OTLP ({@code /v1/traces}, {@code
   * /v1/metrics}) and Pyroscope ({@code /ingest}) ingest paths that come next, so they are closed
   * from the start.
   */
  static final List<String> PROTECTED_PREFIXES = List.of("/api/", "/v1/", "/ingest");

  /** Paths that need an admin token ({@code hotpath.auth.admin-tokens}); tenant tokens get 403. */
  static final String ADMIN_PREFIX = "/api/v1/admin/";

  /** Request property holding the name of the admin who authenticated. */
  static final String ADMIN = "io.hotpath.collector.admin";

  private final TokenAuthenticator authenticator;
  private final IngestMetrics metrics;

  public AuthFilter(TokenAuthenticator authenticator, IngestMetrics metrics) {
    this.authenticator = authenticator;
    this.metrics = metrics;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Optional<Response> authenticate(ContainerRequestContext request) {
    String path = "/" + stripLeadingSlashes(request.getUriInfo().getPath());
    if (PROTECTED_PREFIXES.stream().noneMatch(path::startsWith)) {
      return Optional.empty();
    }
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (path.startsWith(ADMIN_PREFIX) || (path + "/").equals(ADMIN_PREFIX)) {
      return authenticateAdmin(request, path, authorization);
    }
    Optional<String> tenant = authenticator.tenantFor(authorization);
    if (tenant.isEmpty()) {
      metrics.rejected(IngestKind.ofPath(path), IngestMetrics.Reason.UNAUTHORIZED);
      String detail =
          request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
              ? "send Authorization: Bearer <token>"
              : "the token in the Authorization header is not known";
      return Optional.of(
          Problem.of("unauthorized", "Unauthorized", 401, detail, path)
              .toResponse()
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hotpath\"")
              .build());
    }
    String orgId = request.getHeaderString(SCOPE_ORG_ID);
    if (orgId != null && !orgId.isBlank() && !orgId.trim().equals(tenant.get())) {
      metrics.rejected(IngestKind.ofPath(path), IngestMetrics.Reason.FORBIDDEN);
      return Optional.of(
          Problem.of(
                  "forbidden",
                  "Forbidden",
                  403,
                  "the token does not write for the tenant named in " + SCOPE_ORG_ID,
                  path)
              .toResponse()
              .build());
    }
    request.setProperty(TENANT, tenant.get());
    return Optional.empty();
  }

  private Optional<Response> authenticateAdmin(
      ContainerRequestContext request, String path, String authorization) {
    if (authenticator.isAdmin(authorization)) {
      request.setProperty(ADMIN, "admin");
      return Optional.empty();
    }
    if (authenticator.tenantFor(authorization).isPresent()) {
      return Optional.of(
          Problem.of(
                  "forbidden", "Forbidden", 403, "token administration needs an admin token", path)
              .toResponse()
              .build());
    }
    return Optional.of(
        Problem.of(
                "unauthorized",
                "Unauthorized",
                401,
                authorization == null
                    ? "send Authorization: Bearer <admin token>"
                    : "the token in the Authorization header is not an admin token",
                path)
            .toResponse()
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hotpath-admin\"")
            .build());
  }

  private static String stripLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  /** The tenant {@link #authenticate} recorded for this request. */
  static String tenantOf(ContainerRequestContext request) {
    Object tenant = request.getProperty(TENANT);
    if (tenant == null) {
      // Only reachable if a resource is mapped outside the protected paths: fail closed.
      throw new IllegalStateException(
          "no authenticated tenant for " + request.getUriInfo().getPath());
    }
    return (String) tenant;
  }
}
