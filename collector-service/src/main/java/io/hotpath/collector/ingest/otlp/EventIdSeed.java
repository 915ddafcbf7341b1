package io.hotpath.collector.ingest.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Event ids derived from the request itself: a name-based UUID of the signal, the tenant, the
 * SHA-256 of the (inflated) body and the position of the batch in it. An agent that retries the
 * same export after a timeout or a 503 produces the same ids, so consumers drop the repeat.
 */
public record EventIdSeed(String signal, String tenant, String bodyDigest) {

  public static EventIdSeed of(String signal, String tenant, byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return new EventIdSeed(signal, tenant, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The id of the {@code chunk}-th event of the {@code resource}-th resource of the request. */
  public UUID id(int resource, int chunk) {
    String name =
        "otlp\u001f"
            + signal
            + '\u001f'
            + tenant
            + '\u001f'
            + bodyDigest
            + '\u001f'
            + resource
            + '\u001f'
            + chunk;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
