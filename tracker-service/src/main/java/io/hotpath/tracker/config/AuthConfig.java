package io.hotpath.tracker.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * API tokens: {@code hotpath.auth.tokens.<name>.sha256} (hex SHA-256 of the token, never the token
 * itself) and {@code hotpath.auth.tokens.<name>.tenant}. Each token is bound to one tenant.
 */
@ConfigMapping(prefix = "hotpath.auth")
public interface AuthConfig {

  /** By a name that only serves to tell tokens apart in config and logs. */
  Map<String, Token> tokens();

  interface Token {
    String sha256();

    String tenant();
  }
}
