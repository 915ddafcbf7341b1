package io.hotpath.analyzer.detect.profile;

import static io.hotpath.analyzer.detect.profile.Profiles.T0;
import static io.hotpath.analyzer.detect.profile.Profiles.cpu;
import static io.hotpath.analyzer.detect.profile.Profiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileWindowsTest {
  private static final Duration WINDOW = Duration.ofSeconds(100);

  /** Slices of 10 s, frames under 1 % of a slice dropped when it is compacted, 5 kept at most. */
  private final ProfileWindows windows =
      new ProfileWindows(10, 12, 0.01, 5, 8, StateBudget.UNBOUNDED, "test");

  @Test
  void theNewestSliceKeepsItsSmallFramesUntilANewerSliceBegins() {
    ProfileWindows.Window first = add(hotAndRare(5));
    assertThat(first.merged().frames()).containsKey("app.Rare.call");

    ProfileWindows.Window second = add(hotAndRare(6));
    assertThat(second.merged().frames().get("app.Rare.call").total())
        .as("both profiles' samples, nothing dropped while the slice is the newest")
        .isEqualTo(10);

    ProfileWindows.Window third =
        add(cpu(T0.plusSeconds(15), stack(1000, "app.Main.run", "app.Hot.loop")));
    assertThat(third.slices()).hasSize(2);
    assertThat(third.merged().frames())
        .as("the first slice, compacted once it is no longer the newest: 0.5 % < 1 %")
        .doesNotContainKey("app.Rare.call");
    assertThat(third.merged().total()).as("the total keeps what compaction drops").isEqualTo(3000);
    assertThat(third.merged().frames().get("app.Hot.loop").self()).isEqualTo(2990);
  }

  @Test
  void theNewestSliceIsCompactedWhenItHoldsTwiceTheFramesASliceKeeps() {
    List<StackSample> stacks = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      stacks.add(stack(100 + i, "app.Leaf" + i + ".run"));
    }
    ProfileWindows.Window nine = add(cpu(T0.plusSeconds(5), stacks.toArray(StackSample[]::new)));
    assertThat(nine.merged().frames()).as("9 frames, under twice 5").hasSize(9);

    ProfileWindows.Window eleven =
        add(cpu(T0.plusSeconds(6), stack(200, "app.Leaf9.run"), stack(300, "app.Leaf10.run")));
    assertThat(eleven.merged().frames().keySet())
        .as("11 frames are over twice 5: the 5 heaviest are kept")
        .containsExactlyInAnyOrder(
            "app.Leaf10.run", "app.Leaf9.run", "app.Leaf8.run", "app.Leaf7.run", "app.Leaf6.run");
  }

  @Test
  void aLateProfileIsCompactedIntoItsClosedSlice() {
    add(cpu(T0.plusSeconds(15), stack(1000, "app.Main.run", "app.Hot.loop")));
    ProfileWindows.Window late = add(hotAndRare(5));
    assertThat(late.slices()).hasSize(2);
    assertThat(late.merged().frames())
        .as("the late profile's slice is not the newest: compacted at once")
        .doesNotContainKey("app.Rare.call");
    assertThat(late.merged().total()).isEqualTo(2000);
  }

  /** 995 samples in a hot loop and 5 (0.5 %) in a rare call, ending {@code seconds} after T0. */
  private static ProfileCaptured hotAndRare(long seconds) {
    return cpu(
        T0.plusSeconds(seconds),
        stack(995, "app.Main.run", "app.Hot.loop"),
        stack(5, "app.Main.run", "app.Rare.call"));
  }

  private ProfileWindows.Window add(ProfileCaptured profile) {
    return windows.add(profile, CpuProfileTable.build(profile), WINDOW);
  }
}
