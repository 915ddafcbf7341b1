package io.hotpath.tracker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.tracker.Telemetry;
import org.junit.jupiter.api.Test;

/** Which profile records are skipped before they are read in full. */
class TelemetryProfilesConsumerTest {

  private static String profile(ProfileType type) {
    return EventJson.write(
        Telemetry.profile(
            "t", "s", "1", 0, type, "nanoseconds", Telemetry.lockWait("com.shop.Cart.add", 5)));
  }

  @Test
  void skipsProfilesOfOtherTypesByTheirProfileType() {
    assertThat(TelemetryProfilesConsumer.isOtherThanLock(profile(ProfileType.CPU))).isTrue();
    assertThat(TelemetryProfilesConsumer.isOtherThanLock(profile(ProfileType.ALLOCATION))).isTrue();
    assertThat(TelemetryProfilesConsumer.isOtherThanLock(profile(ProfileType.LOCK))).isFalse();
  }

  @Test
  void findsTheTypeAfterTheStacksToo() {
    assertThat(
            TelemetryProfilesConsumer.isOtherThanLock(
                "{\"stacks\":[{\"frames\":[\"a\"],\"value\":1}],\"profileType\":\"WALL\"}"))
        .isTrue();
  }

  @Test
  void leavesWhatItCannotTellApartToTheFullReadWhichRefusesBadRecords() {
    assertThat(TelemetryProfilesConsumer.isOtherThanLock("{\"profileType\":\"lock\"}")).isFalse();
    assertThat(TelemetryProfilesConsumer.isOtherThanLock("{\"profileType\":7}")).isFalse();
    assertThat(TelemetryProfilesConsumer.isOtherThanLock("not json")).isFalse();
    assertThat(TelemetryProfilesConsumer.isOtherThanLock("{\"stacks\":[")).isFalse();
    assertThat(TelemetryProfilesConsumer.isOtherThanLock(null)).isFalse();
  }
}
