package io.hotpath.collector.ingest.pyroscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.telemetry.ProfileType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileNameTest {

  @Test
  void splitsApplicationSampleTypeAndLabels() {
    ProfileName name = ProfileName.parse("my.shop.checkout.cpu{env=staging, region=us-west-1}");

    assertThat(name.service()).isEqualTo("my.shop.checkout");
    assertThat(name.sampleType()).isEqualTo("cpu");
    assertThat(name.profileType()).isEqualTo(ProfileType.CPU);
    assertThat(name.labels()).isEqualTo(Map.of("env", "staging", "region", "us-west-1"));
  }

  @Test
  void keepsTheLabelsInTheOrderSent() {
    assertThat(ProfileName.parse("app.cpu{z=1,a=2,m=3}").labels().keySet())
        .containsExactly("z", "a", "m");
  }

  @Test
  void refusesALabelValueLongerThanANameMayBe() {
    assertThatThrownBy(() -> ProfileName.parse("app.cpu{version=" + "v".repeat(257) + "}"))
        .hasMessageContaining("longer than 256 characters");
  }

  @Test
  void theServiceNameLabelWins() {
    ProfileName name = ProfileName.parse("agent-app.itimer{service_name=checkout}");
    assertThat(name.service()).isEqualTo("checkout");
    assertThat(name.profileType()).isEqualTo(ProfileType.CPU);
  }

  @Test
  void aNameWithoutAKnownSuffixIsACpuProfileOfTheWholeName() {
    ProfileName name = ProfileName.parse("my.app");
    assertThat(name.service()).isEqualTo("my.app");
    assertThat(name.sampleType()).isEqualTo("cpu");
    assertThat(name.labels()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "app.wall, WALL",
    "app.alloc_in_new_tlab_bytes, ALLOCATION",
    "app.alloc_outside_tlab_objects, ALLOCATION",
    "app.lock_count, LOCK",
    "app.lock_duration, LOCK",
    "app.goroutines, OTHER"
  })
  void tellsTheProfileTypeFromTheSuffix(String name, ProfileType type) {
    assertThat(ProfileName.parse(name).profileType()).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "app.cpu{env=prod",
        "app.cpu{=prod}",
        "app.cpu{env}",
        "{env=a}",
        "app.cpu{env=a,env=b}"
      })
  void refusesAMalformedName(String name) {
    assertThatThrownBy(() -> ProfileName.parse(name)).isInstanceOf(IllegalArgumentException.class);
  }
}
