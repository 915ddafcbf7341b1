package io.hotpath.analyzer.detect;

/** Trace and span ids in the lowercase hex OTLP uses, kept as numbers, 16 digits per long. */
final class HexIds {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private HexIds() {}

  /** Whether {@code id} is exactly {@code length} lowercase hex digits. */
  static boolean isHex(String id, int length) {
    if (id == null || id.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The 16 hex digits of {@code id} from {@code from} as a long. */
  static long parse(String id, int from) {
    return Long.parseUnsignedLong(id, from, from + 16, 16);
  }

  /** A long as 16 lowercase hex digits, leading zeros kept. */
  static String format(long value) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = DIGITS[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(out);
  }
}
