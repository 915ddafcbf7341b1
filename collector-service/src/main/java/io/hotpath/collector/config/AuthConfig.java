package io.hotpath.collector.config;

import io.hotpath.api.TokenConfig;
import io.smallrye.config.ConfigMapping;

/**
 * The ingest tokens: {@code hotpath.auth.tokens.<name>.sha256} is the hex SHA-256 of the token (the
 * token itself never sits in configuration) and {@code hotpath.auth.tokens.<name>.tenant} the one
 * tenant it may write for. The shape is {@link TokenConfig}, shared with the other services' APIs.
 */
@ConfigMapping(prefix = TokenConfig.PREFIX)
public interface AuthConfig extends TokenConfig {}
