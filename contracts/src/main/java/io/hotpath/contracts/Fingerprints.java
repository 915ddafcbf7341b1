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
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
