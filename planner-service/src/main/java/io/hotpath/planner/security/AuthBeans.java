package io.hotpath.planner.security;

import io.hotpath.api.TokenAuthenticator;
import io.hotpath.planner.config.AuthConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the shared token authenticator from this service's {@link AuthConfig}. */
public class AuthBeans {

  @Produces
  @Singleton
  TokenAuthenticator tokenAuthenticator(AuthConfig config) {
    return new TokenAuthenticator(config.tokens());
  }
}
