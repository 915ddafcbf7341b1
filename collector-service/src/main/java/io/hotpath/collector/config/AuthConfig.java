package io.hotpath.collector.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * The ingest tokens: {@code hotpath.auth.tokens.<name>.sha256} is the hex SHA-256 of the token (the
 * token itself never sits in configuration) and {@code hotpath.auth.tokens.<name>.tenant} the one
 * tenant it may write for.
 */
@ConfigMapping(prefix = "hotpath.auth")
public interface AuthConfig {

  /** Tokens by a name that only serves to tell them apart; may be empty. */
  Map<String, Token> tokens();

  /** One token, bound to one tenant. */
  interface Token {
    /** Hex SHA-256 of the token's UTF-8 bytes. */
    String sha256();

    String tenant();
  }
}
