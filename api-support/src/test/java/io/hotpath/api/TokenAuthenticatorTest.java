package io.hotpath.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
  /** SHA-256 of "hotpath-demo-token". */
  static final String DEMO_SHA = "fc40497d010ccda7118af400b3619e3188320fb8c7aa116f8603d2ec9dd2dd0d";

  /** SHA-256 of "hotpath-other-token". */
  static final String OTHER_SHA =
      "3259377163138790d2e1b646e9fce599a40b24174551cb361cfaf769acc41706";

  static TokenAuthenticator authenticator(Map<String, TokenConfig.Token> tokens) {
    return new TokenAuthenticator(tokens);
  }

  static TokenConfig.Token token(String sha256, String tenant) {
    return new TokenConfig.Token() {
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
  void eachTokenGivesTheTenantItIsBoundTo() {
    TokenAuthenticator two =
        authenticator(
            Map.of("demo", token(DEMO_SHA, "demo"), "other", token(OTHER_SHA.toUpperCase(), "o")));

    assertThat(two.tenantFor("Bearer hotpath-demo-token")).contains("demo");
    assertThat(two.tenantFor("Bearer hotpath-other-token")).contains("o");
  }

  @Test
  void unknownMissingOrMalformedCredentialsGiveNoTenant() {
    assertThat(auth.tenantFor(null)).isEmpty();
    assertThat(auth.tenantFor("")).isEmpty();
    assertThat(auth.tenantFor("Bearer")).isEmpty();
    assertThat(auth.tenantFor("Bearer wrong-token")).isEmpty();
    assertThat(auth.tenantFor("hotpath-demo-token")).isEmpty();
    assertThat(auth.tenantFor("Token hotpath-demo-token")).isEmpty();
    assertThat(auth.tenantFor("Digest hotpath-demo-token")).isEmpty();
    assertThat(auth.tenantFor("Basic %%%not-base64")).isEmpty();
    assertThat(auth.tenantFor("Basic not-base64!")).isEmpty();
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
    assertThatThrownBy(() -> authenticator(Map.of("ci", token("abc123", "demo"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hotpath.auth.tokens.ci.sha256")
        .hasMessageNotContaining("abc123");
  }

  @Test
  void refusesToStartWithATokenBoundToNoTenant() {
    assertThatThrownBy(() -> authenticator(Map.of("ci", token(DEMO_SHA, " "))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("hotpath.auth.tokens.ci.tenant is required");
  }

  @Test
  void grantedTokenAuthenticatesForItsTenantUntilRevoked() {
    auth.grant("ci-shop", "shop", TokenAuthenticator.sha256Hex("granted-token"));

    assertThat(auth.tenantFor("Bearer granted-token")).contains("shop");
    assertThat(auth.tenantFor("Bearer hotpath-demo-token")).contains("demo");

    assertThat(auth.revoke("ci-shop")).isTrue();
    assertThat(auth.tenantFor("Bearer granted-token")).isEmpty();
    assertThat(auth.revoke("ci-shop")).isFalse();
    assertThat(auth.entries())
        .containsExactly(
            new TokenAuthenticator.Entry("demo", "demo", true, false),
            new TokenAuthenticator.Entry("ci-shop", "shop", false, true));
  }

  @Test
  void configuredTokenCanBeRevokedAtRuntime() {
    assertThat(auth.revoke("demo")).isTrue();

    assertThat(auth.tenantFor("Bearer hotpath-demo-token")).isEmpty();
    assertThat(auth.isActive("demo")).isFalse();
    assertThat(auth.isConfigured("demo")).isTrue();
  }

  @Test
  void grantRefusesADigestThatIsNotASha256() {
    assertThatThrownBy(() -> auth.grant("x", "demo", "not-a-digest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits")
        .hasMessageNotContaining("not-a-digest");
    assertThat(auth.isActive("x")).isFalse();
  }

  @Test
  void onlyConfiguredAdminTokensAreAdmin() {
    TokenConfig.AdminToken admin = () -> TokenAuthenticator.sha256Hex("the-admin-token");
    TokenAuthenticator withAdmin =
        new TokenAuthenticator(Map.of("demo", token(DEMO_SHA, "demo")), Map.of("ops", admin));

    assertThat(withAdmin.isAdmin("Bearer the-admin-token")).isTrue();
    assertThat(withAdmin.isAdmin("Bearer hotpath-demo-token")).isFalse();
    assertThat(withAdmin.isAdmin(null)).isFalse();
    // An admin token manages tokens; it writes for no tenant.
    assertThat(withAdmin.tenantFor("Bearer the-admin-token")).isEmpty();
    assertThat(auth.isAdmin("Bearer the-admin-token")).isFalse();
  }
}
