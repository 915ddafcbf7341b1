package io.hotpath.planner.config;

import io.hotpath.api.TokenConfig;
import io.smallrye.config.ConfigMapping;

/**
 * API tokens: {@code hotpath.auth.tokens.<name>.sha256} (hex SHA-256 of the token, never the token
 * itself) and {@code hotpath.auth.tokens.<name>.tenant}. Each token is bound to one tenant. The
 * shape is {@link TokenConfig}, shared with the other services' APIs.
 */
@ConfigMapping(prefix = TokenConfig.PREFIX)
public interface AuthConfig extends TokenConfig {}
