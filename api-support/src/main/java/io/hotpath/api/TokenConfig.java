package io.hotpath.api;

import java.util.Map;

/**
 * The API tokens of a service: {@code hotpath.auth.tokens.<name>.sha256} is the hex SHA-256 of the
 * token (the token itself never sits in configuration) and {@code
 * hotpath.auth.tokens.<name>.tenant} the one tenant it is bound to. {@code
 * hotpath.auth.admin-tokens.<name>.sha256} are the digests of the tokens that may manage tokens; an
 * admin token speaks for no tenant.
 *
 * <p>Not a {@code @ConfigMapping} itself (this jar has no Jandex index, so Quarkus would not find
 * it): each service declares {@code @ConfigMapping(prefix = TokenConfig.PREFIX) interface
 * AuthConfig extends TokenConfig {}}.
 */
public interface TokenConfig {
  /** Where the tokens live in configuration. */
  String PREFIX = "hotpath.auth";

  /** Tokens by a name that only serves to tell them apart in config and logs; may be empty. */
  Map<String, Token> tokens();

  /** Tokens that may add and revoke tokens; may be empty (then nobody can, but configuration). */
  Map<String, AdminToken> adminTokens();

  /** One token, bound to one tenant. */
  interface Token {
    /** Hex SHA-256 of the token's UTF-8 bytes. */
    String sha256();

    String tenant();
  }

  /** One admin token. */
  interface AdminToken {
    /** Hex SHA-256 of the token's UTF-8 bytes. */
    String sha256();
  }
}
