package io.hotpath.tracker.security;

import io.hotpath.tracker.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the tenant an {@code Authorization} header's token is bound to. Accepts {@code Bearer
 * <token>} and {@code Basic} with the token as password (as Pyroscope agents send it). Only token
 * hashes are configured, and they are compared in constant time.
 */
@ApplicationScoped
public class TokenAuthenticator {
  private final List<KnownToken> tokens;

  @Inject
  public TokenAuthenticator(AuthConfig config) {
    this(config.tokens());
  }

  TokenAuthenticator(Map<String, AuthConfig.Token> configured) {
    List<KnownToken> known = new ArrayList<>();
    configured.forEach(
        (name, token) -> {
          byte[] hash;
          try {
            hash = HexFormat.of().parseHex(token.sha256().trim().toLowerCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            hash = new byte[0];
          }
          if (hash.length != 32) {
            // Names the token, never its hash or value.
            throw new IllegalStateException(
                "hotpath.auth.tokens." + name + ".sha256 must be 64 hex digits (a SHA-256)");
          }
          if (token.tenant().isBlank()) {
            throw new IllegalStateException("hotpath.auth.tokens." + name + ".tenant is required");
          }
          known.add(new KnownToken(hash, token.tenant()));
        });
    this.tokens = List.copyOf(known);
  }

  /** The caller's tenant, or empty if the header is missing, malformed or names no known token. */
  public Optional<String> tenantFor(String authorization) {
    return tokenIn(authorization).flatMap(this::tenantOf);
  }

  private Optional<String> tenantOf(String token) {
    byte[] hash = sha256(token);
    String tenant = null;
    for (KnownToken known : tokens) {
      // No early exit: the time taken does not tell which token matched.
      if (MessageDigest.isEqual(known.sha256(), hash)) {
        tenant = known.tenant();
      }
    }
    return Optional.ofNullable(tenant);
  }

  private static Optional<String> tokenIn(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space);
    String credentials = header.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      try {
        String decoded =
            new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private record KnownToken(byte[] sha256, String tenant) {}
}
