package io.hotpath.analyzer.detect.profile;

import static io.hotpath.analyzer.detect.profile.Profiles.T0;
import static io.hotpath.analyzer.detect.profile.Profiles.cpu;
import static io.hotpath.analyzer.detect.profile.Profiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.ProfileCaptured;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CpuProfileTableTest {
  final ProfileCaptured profile =
      cpu(
          T0,
          stack(30, "java.lang.Thread.run", "com.shop.Checkout.total", "com.shop.Prices.lookup"),
          stack(10, "java.lang.Thread.run", "com.shop.Checkout.total"),
          stack(5, "[unknown]"));

  @Test
  void sumsEachFramesSamplesAndCountsStacksWithoutCodeAsUnattributed() {
    FrameTable table = CpuProfileTable.of(profile);

    assertThat(table.total()).isEqualTo(45);
    assertThat(table.frames().get("com.shop.Prices.lookup").self()).isEqualTo(30);
    assertThat(table.frames().get("com.shop.Checkout.total").self()).isEqualTo(10);
    assertThat(table.frames().get("com.shop.Checkout.total").total()).isEqualTo(40);
  }

  @Test
  void theSameProfileOnTheSameThreadGetsTheSameTable() {
    FrameTable first = CpuProfileTable.of(profile);

    assertThat(CpuProfileTable.of(profile)).isSameAs(first);
  }

  @Test
  void anotherProfileGetsItsOwnTableEvenWithEqualContent() {
    FrameTable first = CpuProfileTable.of(profile);
    ProfileCaptured equalStacks =
        cpu(T0, profile.stacks().toArray(new io.hotpath.contracts.telemetry.StackSample[0]));

    FrameTable second = CpuProfileTable.of(equalStacks);

    assertThat(second).isNotSameAs(first);
    assertThat(second.total()).isEqualTo(first.total());
  }

  @Test
  void anotherThreadBuildsItsOwn() throws Exception {
    FrameTable here = CpuProfileTable.of(profile);

    FrameTable there = CompletableFuture.supplyAsync(() -> CpuProfileTable.of(profile)).get();

    assertThat(there).isNotSameAs(here);
    assertThat(there.frames().keySet()).isEqualTo(here.frames().keySet());
  }
}
