package io.hotpath.tracker.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.tracker.Telemetry;
import org.junit.jupiter.api.Test;

/** Which profile records are dropped as they are polled, before they are read in full. */
class LockProfileBytesTest {
  private final LockProfileBytes deserializer = new LockProfileBytes();

  private static byte[] profile(ProfileType type) {
    return EventJson.write(
            Telemetry.profile(
                "t", "s", "1", 0, type, "nanoseconds", Telemetry.lockWait("com.shop.Cart.add", 5)))
        .getBytes(UTF_8);
  }

  private byte[] read(String value) {
    return deserializer.deserialize(Topics.TELEMETRY_PROFILES, value.getBytes(UTF_8));
  }

  @Test
  void dropsProfilesOfOtherTypesByTheirProfileType() {
    assertThat(deserializer.deserialize(Topics.TELEMETRY_PROFILES, profile(ProfileType.CPU)))
        .isSameAs(LockProfileBytes.SKIPPED);
    assertThat(deserializer.deserialize(Topics.TELEMETRY_PROFILES, profile(ProfileType.ALLOCATION)))
        .isSameAs(LockProfileBytes.SKIPPED);
  }

  @Test
  void keepsTheBytesOfALockProfile() {
    byte[] lock = profile(ProfileType.LOCK);
    assertThat(deserializer.deserialize(Topics.TELEMETRY_PROFILES, lock)).isSameAs(lock);
  }

  @Test
  void findsTheTypeAfterTheStacksToo() {
    assertThat(read("{\"stacks\":[{\"frames\":[\"a\"],\"value\":1}],\"profileType\":\"WALL\"}"))
        .isSameAs(LockProfileBytes.SKIPPED);
  }

  @Test
  void leavesWhatItCannotTellApartToTheFullReadWhichRefusesBadRecords() {
    for (String unclear :
        new String[] {
          "{\"profileType\":\"lock\"}", "{\"profileType\":7}", "not json", "{\"stacks\":[", ""
        }) {
      assertThat(read(unclear))
          .as(unclear)
          .isNotSameAs(LockProfileBytes.SKIPPED)
          .asString(UTF_8)
          .isEqualTo(unclear);
    }
    assertThat(deserializer.deserialize(Topics.TELEMETRY_PROFILES, null)).isNull();
  }
}
