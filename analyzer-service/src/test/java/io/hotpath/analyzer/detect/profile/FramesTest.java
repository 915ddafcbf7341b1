package io.hotpath.analyzer.detect.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FramesTest {
  /** The rules as patterns applied to every frame, which is what {@link Frames} must equal. */
  private static String byPatterns(String frame) {
    String name = frame == null ? "" : frame.trim();
    name = Pattern.compile("_\\[[a-z0-9]\\]$").matcher(name).replaceFirst("");
    name = Pattern.compile(":\\d+$").matcher(name).replaceFirst("");
    return name.trim();
  }

  private static boolean syntheticByLookup(String normalized) {
    return Set.of("", "root", "<root>", "all", "total", "unknown", "<unknown>", "[unknown]")
            .contains(normalized.toLowerCase(Locale.ROOT))
        || (normalized.startsWith("[") && normalized.endsWith("]"));
  }

  @Test
  void dropsTheFrameTypeSuffixAndTheLineNumber() {
    assertThat(Frames.normalize(" com.shop.Cart.total:42_[j] ")).isEqualTo("com.shop.Cart.total");
    assertThat(Frames.normalize("do_sys_open_[k]")).isEqualTo("do_sys_open");
    assertThat(Frames.normalize("com.shop.Cart.total:17")).isEqualTo("com.shop.Cart.total");
    assertThat(Frames.normalize("Main.main")).isEqualTo("Main.main");
    assertThat(Frames.normalize(null)).isEmpty();
  }

  @Test
  void normalizesEveryFrameAsThePatternsDo() {
    // Suffixes, digits, colons, brackets and line terminators in every order and place.
    char[] alphabet = {
      'a', 'k', 'j', '1', '9', ':', '_', '[', ']', ' ', '.', '\n', '\r', '\u0085', '\u2028',
      '\u0660'
    };
    Random random = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder frame = new StringBuilder();
      for (int n = random.nextInt(10); n > 0; n--) {
        frame.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String name = frame.toString();

      assertThat(Frames.normalize(name)).as("frame %s", name).isEqualTo(byPatterns(name));
      assertThat(Frames.isSynthetic(name)).as("name %s", name).isEqualTo(syntheticByLookup(name));
    }
  }

  @Test
  void theNamesThatAreNotCodeAreSyntheticWhateverTheirCase() {
    for (String name : new String[] {"ROOT", "[Unknown]", "<UNKNOWN>", "Total", "", "[main]"}) {
      assertThat(Frames.isSynthetic(name)).as(name).isTrue();
    }
    assertThat(Frames.isSynthetic("unknownFrame")).isFalse();
    assertThat(Frames.isSynthetic("İroot")).isFalse();
  }
}
