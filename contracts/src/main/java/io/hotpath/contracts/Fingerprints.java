package io.hotpath.contracts;

import io.hotpath.contracts.bottleneck.BottleneckType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A bottleneck's identity: a stable hash of (tenant, service, type, normalized location). The same
 * problem seen again has the same fingerprint and so updates the same bottleneck.
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static String bottleneck(
      String tenant, String service, BottleneckType type, String normalizedLocation) {
    String identity =
        String.join(
            "\u001f",
            Events.require(tenant, "tenant"),
            Events.require(service, "service"),
            Events.require(type, "type").name(),
            Events.require(normalizedLocation, "location"));
    return sha256Hex(identity).substring(0, 32);
  }

  /**
   * The lower-case hex SHA-256 of a text's UTF-8 bytes: the hash every Hotpath identity (a
   * fingerprint, a statement's location, an incident's command) is cut from.
   */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
