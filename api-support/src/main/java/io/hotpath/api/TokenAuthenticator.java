package io.hotpath.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the tenant an {@code Authorization} header speaks for. Agents send {@code Bearer <token>};
 * Pyroscope agents send {@code Basic} with the token as the password. Only SHA-256 digests of the
 * tokens are held, and they are compared in constant time.
 *
 * <p>Plain Java: a service builds one from its {@link TokenConfig} in a CDI producer.
 */
public final class TokenAuthenticator {

  private record KnownToken(byte[] digest, String tenant) {}

  private final List<KnownToken> tokens;

  /**
   * @param tokens by configuration name; the name only appears in error messages
   * @throws IllegalStateException naming the configuration key (never its value) when a digest is
   *     not a SHA-256 or a tenant is missing
   */
  public TokenAuthenticator(Map<String, ? extends TokenConfig.Token> tokens) {
    this.tokens =
        tokens.entrySet().stream()
            .map(e -> known(e.getKey(), e.getValue().sha256(), e.getValue().tenant()))
            .toList();
  }

  /** The tenant bound to the credentials in the header; empty when absent, malformed or unknown. */
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

  private static Optional<String> tokenIn(String authorization) {
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

  private static KnownToken known(String name, String hex, String tenant) {
    // Messages name the configuration key, never the value: it may be a token pasted by mistake.
    String key = TokenConfig.PREFIX + ".tokens." + name;
    byte[] digest;
    try {
      digest = HexFormat.of().parseHex(hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      digest = new byte[0];
    }
    if (digest.length != 32) {
      throw new IllegalStateException(key + ".sha256 must be 64 hex digits (a SHA-256)");
    }
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalStateException(key + ".tenant is required");
    }
    return new KnownToken(digest, tenant);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
