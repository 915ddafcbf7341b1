package io.hotpath.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {

  @Test
  void readsTokensFromEnvironmentVariablesAsTheReadmeSays() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(AuthConfig.class)
            .withSources(
                new EnvConfigSource(
                    Map.of(
                        "HOTPATH_AUTH_TOKENS_DEMO_SHA256",
                        "ab".repeat(32),
                        "HOTPATH_AUTH_TOKENS_DEMO_TENANT",
                        "demo"),
                    300))
            .build();

    AuthConfig auth = config.getConfigMapping(AuthConfig.class);

    assertThat(auth.tokens()).containsOnlyKeys("demo");
    assertThat(auth.tokens().get("demo").tenant()).isEqualTo("demo");
    assertThat(auth.tokens().get("demo").sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void noTokensIsAValidConfiguration() {
    SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AuthConfig.class).build();

    assertThat(config.getConfigMapping(AuthConfig.class).tokens()).isEmpty();
  }
}
