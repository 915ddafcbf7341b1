package io.hotpath.tracker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.tracker.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
  private static final String DEMO_SHA256 =
      "fc40497d010ccda7118af400b3619e3188320fb8c7aa116f8603d2ec9dd2dd0d";

  private static AuthConfig.Token token(String sha256, String tenant) {
    return new AuthConfig.Token() {
      @Override
      public String sha256() {
        return sha256;
      }

      @Override
      public String tenant() {
        return tenant;
      }
    };
  }

  private final TokenAuthenticator authenticator =
      new TokenAuthenticator(Map.of("demo", token(DEMO_SHA256, "demo")));

  @Test
  void findsTheTenantOfABearerToken() {
    assertThat(authenticator.tenantFor("Bearer hotpath-demo-token")).contains("demo");
    assertThat(authenticator.tenantFor("bearer   hotpath-demo-token ")).contains("demo");
  }

  @Test
  void acceptsTheTokenAsBasicPassword() {
    String basic =
        Base64.getEncoder()
            .encodeToString("pyroscope:hotpath-demo-token".getBytes(StandardCharsets.UTF_8));

    assertThat(authenticator.tenantFor("Basic " + basic)).contains("demo");
  }

  @Test
  void refusesMissingMalformedAndUnknownCredentials() {
    assertThat(authenticator.tenantFor(null)).isEmpty();
    assertThat(authenticator.tenantFor("")).isEmpty();
    assertThat(authenticator.tenantFor("Bearer")).isEmpty();
    assertThat(authenticator.tenantFor("Bearer wrong-token")).isEmpty();
    assertThat(authenticator.tenantFor("hotpath-demo-token")).isEmpty();
    assertThat(authenticator.tenantFor("Basic not-base64!")).isEmpty();
    assertThat(authenticator.tenantFor("Digest hotpath-demo-token")).isEmpty();
  }

  @Test
  void refusesAConfiguredHashThatIsNotASha256WithoutEchoingIt() {
    assertThatThrownBy(() -> new TokenAuthenticator(Map.of("ci", token("abc123", "demo"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hotpath.auth.tokens.ci.sha256")
        .hasMessageNotContaining("abc123");
  }
}
