package io.hotpath.tracker.matrix;

import java.util.regex.Pattern;

/** The tracker's per-tenant ids people say out loud: {@code BTLNK-001}, {@code BTLNK-1234}. */
public final class HumanIds {
  public static final String PREFIX = "BTLNK-";
  private static final Pattern FORMAT = Pattern.compile("BTLNK-\\d{3,}");

  private HumanIds() {}

  public static String of(long number) {
    if (number < 1) {
      throw new IllegalArgumentException("human id numbers start at 1");
    }
    return String.format("%s%03d", PREFIX, number);
  }

  public static boolean isValid(String humanId) {
    return humanId != null && FORMAT.matcher(humanId).matches();
  }
}
