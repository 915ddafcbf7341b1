package io.hotpath.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.collector.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
  /** SHA-256 of "hotpath-demo-token". */
  static final String DEMO_SHA = "fc40497d010ccda7118af400b3619e3188320fb8c7aa116f8603d2ec9dd2dd0d";

  static TokenAuthenticator authenticator(Map<String, AuthConfig.Token> tokens) {
    return new TokenAuthenticator(() -> tokens);
  }

  static AuthConfig.Token token(String sha256, String tenant) {
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

  final TokenAuthenticator auth = authenticator(Map.of("demo", token(DEMO_SHA, "demo")));

  @Test
  void bearerTokenGivesItsTenant() {
    assertThat(auth.tenantFor("Bearer hotpath-demo-token")).contains("demo");
    assertThat(auth.tenantFor("bearer   hotpath-demo-token ")).contains("demo");
  }

  @Test
  void basicAuthWithTheTokenAsPasswordGivesItsTenant() {
    String basic =
        Base64.getEncoder()
            .encodeToString("pyroscope:hotpath-demo-token".getBytes(StandardCharsets.UTF_8));
    assertThat(auth.tenantFor("Basic " + basic)).contains("demo");
  }

  @Test
  void unknownMissingOrMalformedCredentialsGiveNoTenant() {
    assertThat(auth.tenantFor(null)).isEmpty();
    assertThat(auth.tenantFor("")).isEmpty();
    assertThat(auth.tenantFor("Bearer")).isEmpty();
    assertThat(auth.tenantFor("Bearer wrong-token")).isEmpty();
    assertThat(auth.tenantFor("Token hotpath-demo-token")).isEmpty();
    assertThat(auth.tenantFor("Basic %%%not-base64")).isEmpty();
    assertThat(
            auth.tenantFor(
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("only-user".getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
  }

  @Test
  void noConfiguredTokensMeansNobodyGetsIn() {
    assertThat(authenticator(Map.of()).tenantFor("Bearer hotpath-demo-token")).isEmpty();
  }

  @Test
  void refusesToStartWithADigestThatIsNotASha256WithoutEchoingIt() {
    assertThatThrownBy(() -> authenticator(Map.of("ci", token("secret-in-plain-text", "demo"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hotpath.auth.tokens.ci.sha256")
        .hasMessageNotContaining("secret-in-plain-text");
  }
}
