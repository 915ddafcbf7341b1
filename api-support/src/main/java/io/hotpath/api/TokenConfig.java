package io.hotpath.api;

import java.util.Map;

/**
 * The API tokens of a service: {@code hotpath.auth.tokens.<name>.sha256} is the hex SHA-256 of the
 * token (the token itself never sits in configuration) and {@code
 * hotpath.auth.tokens.<name>.tenant} the one tenant it is bound to.
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

  /** One token, bound to one tenant. */
  interface Token {
    /** Hex SHA-256 of the token's UTF-8 bytes. */
    String sha256();

    String tenant();
  }
}
