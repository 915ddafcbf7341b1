package io.hotpath.collector.auth;

import io.hotpath.collector.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the tenant an {@code Authorization} header speaks for. Agents send {@code Bearer <token>};
 * Pyroscope agents send {@code Basic} with the token as the password. Only SHA-256 digests of the
 * tokens are held, and they are compared in constant time.
 */
@ApplicationScoped
public class TokenAuthenticator {

  private record KnownToken(byte[] digest, String tenant) {}

  private final List<KnownToken> tokens;

  public TokenAuthenticator(AuthConfig config) {
    this.tokens =
        config.tokens().entrySet().stream()
            .map(
                e ->
                    new KnownToken(
                        parseDigest(e.getKey(), e.getValue().sha256()), e.getValue().tenant()))
            .toList();
  }

  /** The tenant bound to the credentials in the header; empty when absent or unknown. */
  public Optional<String> tenantFor(String authorization) {
    return tokenIn(authorization).flatMap(this::tenantOf);
  }

  private Optional<String> tenantOf(String token) {
    byte[] digest = sha256(token);
    String tenant = null;
    // Every known token is compared, so the time taken does not tell which one came close.
    for (KnownToken known : tokens) {
      if (MessageDigest.isEqual(known.digest(), digest)) {
        tenant = known.tenant();
      }
    }
    return Optional.ofNullable(tenant);
  }

  static Optional<String> tokenIn(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = header.substring(space + 1).trim();
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    return switch (scheme) {
      case "bearer" -> Optional.of(credentials);
      case "basic" -> basicPassword(credentials);
      default -> Optional.empty();
    };
  }

  private static Optional<String> basicPassword(String credentials) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }

  private static byte[] parseDigest(String name, String hex) {
    try {
      byte[] digest =
          HexFormat.of().parseHex(hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT));
      if (digest.length != 32) {
        throw new IllegalArgumentException("not 32 bytes");
      }
      return digest;
    } catch (IllegalArgumentException e) {
      // The message names the token entry, never its value.
      throw new IllegalStateException(
          "hotpath.auth.tokens." + name + ".sha256 must be 64 hex digits (a SHA-256)", e);
    }
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
