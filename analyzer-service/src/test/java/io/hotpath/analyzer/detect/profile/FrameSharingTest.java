package io.hotpath.analyzer.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.ProfileFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameSharingTest {
  private static final String[] SPELLINGS = {
    "com.shop.Cart.total",
    " com.shop.Cart.total:42_[j] ",
    "com.shop.Cart.total:17",
    "[unknown]",
    "root",
    "[pool-1-thread-3 tid=42]",
    "do_sys_open_[k]",
    "ALL",
    "java.lang.Thread.run",
    "",
    "com.shop.Pricing.quote_[i]",
    "x:1\n"
  };

  @Test
  void namesEveryStackAsTheContractDoes() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      List<String> frames = new ArrayList<>();
      int depth = 1 + random.nextInt(12);
      for (int d = 0; d < depth; d++) {
        String frame = SPELLINGS[random.nextInt(SPELLINGS.length)];
        // A fresh copy, as each event read from JSON has its own strings.
        frames.add(random.nextBoolean() ? new String(frame) : frame + random.nextInt(3));
      }
      assertThat(Frames.code(frames)).isEqualTo(ProfileFrames.code(frames));
    }
  }

  @Test
  void twoProfilesNamingOneFunctionShareTheName() {
    List<String> first = Frames.code(List.of(new String("com.shop.Cart.total:42_[j]")));
    List<String> second = Frames.code(List.of(new String("com.shop.Cart.total:42_[j]")));
    List<String> otherSpelling = Frames.code(List.of(new String("com.shop.Cart.total")));

    assertThat(first).containsExactly("com.shop.Cart.total");
    assertThat(second.get(0)).isSameAs(first.get(0));
    assertThat(otherSpelling.get(0)).isSameAs(first.get(0));
  }

  @Test
  void aCompactTableSharesItsExemplarStacksWithOtherTables() {
    FrameTable one = new FrameTable();
    one.add(Frames.code(List.of("java.lang.Thread.run", "com.shop.Cart.total")), 10);
    FrameTable two = new FrameTable();
    two.add(Frames.code(List.of(new String("java.lang.Thread.run"), "com.shop.Cart.total")), 10);

    List<String> a = one.compact(0, 10, 1).frames().get("com.shop.Cart.total").hottestStack();
    List<String> b = two.compact(0, 10, 1).frames().get("com.shop.Cart.total").hottestStack();

    assertThat(b).isSameAs(a);
  }
}
