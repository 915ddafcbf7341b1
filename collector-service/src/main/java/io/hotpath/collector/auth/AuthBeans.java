package io.hotpath.collector.auth;

import io.hotpath.api.TokenAuthenticator;
import io.hotpath.collector.config.AuthConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the shared token authenticator from this service's {@link AuthConfig}. */
public class AuthBeans {

  @Produces
  @Singleton
  TokenAuthenticator tokenAuthenticator(AuthConfig config) {
    return TokenAuthenticator.of(config);
  }
}
