package io.hotpath.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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

  /** A token as an operator sees it: never its digest. */
  public record Entry(String name, String tenant, boolean configured, boolean revoked) {}

  private final Map<String, KnownToken> configured;
  private final List<byte[]> admins;

  /** Active tokens by name: configured ones not revoked, plus granted ones. Copy on write. */
  private volatile Map<String, KnownToken> active;

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param tokens by configuration name; the name only appears in error messages
   * @throws IllegalStateException naming the configuration key (never its value) when a digest is
   *     not a SHA-256 or a tenant is missing
   */
  public TokenAuthenticator(Map<String, ? extends TokenConfig.Token> tokens) {
    this(tokens, Map.of());
  }

  /**
   * @param tokens by configuration name
   * @param admins admin tokens by configuration name
   */
  public TokenAuthenticator(
      Map<String, ? extends TokenConfig.Token> tokens,
      Map<String, ? extends TokenConfig.AdminToken> admins) {
    Map<String, KnownToken> known = new LinkedHashMap<>();
    tokens.forEach(
        (name, token) -> {
          known.put(name, known(name, token.sha256(), token.tenant()));
          entries.put(name, new Entry(name, token.tenant(), true, false));
        });
    this.configured = Map.copyOf(known);
    this.active = Map.copyOf(known);
    this.admins =
        admins.entrySet().stream()
            .map(
                e ->
                    digest(
                        TokenConfig.PREFIX + ".admin-tokens." + e.getKey(), e.getValue().sha256()))
            .toList();
  }

  /** From a {@link TokenConfig}: its tokens and its admin tokens. */
  public static TokenAuthenticator of(TokenConfig config) {
    return new TokenAuthenticator(config.tokens(), config.adminTokens());
  }

  /**
   * Adds (or replaces) the token named {@code name}, bound to {@code tenant}.
   *
   * @param sha256 hex SHA-256 of the token
   * @throws IllegalArgumentException when the digest is not a SHA-256 or the tenant is blank
   */
  public synchronized void grant(String name, String tenant, String sha256) {
    KnownToken token;
    try {
      token = known(name, sha256, tenant);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Map<String, KnownToken> next = new LinkedHashMap<>(active);
    next.put(name, token);
    active = Map.copyOf(next);
    entries.put(name, new Entry(name, tenant, false, false));
  }

  /**
   * Revokes the token named {@code name}, granted or configured: from now on it authenticates
   * nothing. Revoking an unknown or already revoked name changes nothing.
   *
   * @return whether a token was active under that name
   */
  public synchronized boolean revoke(String name) {
    if (!active.containsKey(name)) {
      return false;
    }
    Map<String, KnownToken> next = new LinkedHashMap<>(active);
    next.remove(name);
    active = Map.copyOf(next);
    Entry entry = entries.get(name);
    entries.put(name, new Entry(name, entry.tenant(), entry.configured(), true));
    return true;
  }

  /** Every token ever known to this authenticator, in the order they became known. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Whether a token named {@code name} is active now. */
  public boolean isActive(String name) {
    return active.containsKey(name);
  }

  /** Whether the header carries one of the configured admin tokens. */
  public boolean isAdmin(String authorization) {
    Optional<String> token = tokenIn(authorization);
    if (token.isEmpty()) {
      return false;
    }
    byte[] digest = sha256(token.get());
    boolean admin = false;
    for (byte[] known : admins) {
      admin |= MessageDigest.isEqual(known, digest);
    }
    return admin;
  }

  /** Whether {@code name} is a token name in configuration (those are never re-granted). */
  public boolean isConfigured(String name) {
    return configured.containsKey(name);
  }

  /** The tenant bound to the credentials in the header; empty when absent, malformed or unknown. */
  public Optional<String> tenantFor(String authorization) {
    return tokenIn(authorization).flatMap(this::tenantOf);
  }

  private Optional<String> tenantOf(String token) {
    byte[] digest = sha256(token);
    String tenant = null;
    // Every known token is compared, so the time taken does not tell which one came close.
    for (KnownToken known : active.values()) {
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
    String key = TokenConfig.PREFIX + ".tokens." + name;
    byte[] digest = digest(key, hex);
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalStateException(key + ".tenant is required");
    }
    return new KnownToken(digest, tenant);
  }

  private static byte[] digest(String key, String hex) {
    // Messages name the configuration key, never the value: it may be a token pasted by mistake.
    byte[] digest;
    try {
      digest = HexFormat.of().parseHex(hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      digest = new byte[0];
    }
    if (digest.length != 32) {
      throw new IllegalStateException(key + ".sha256 must be 64 hex digits (a SHA-256)");
    }
    return digest;
  }

  /** Hex SHA-256 of a token, as configuration and grants hold it. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
