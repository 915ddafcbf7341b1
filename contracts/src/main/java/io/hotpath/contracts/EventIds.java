package io.hotpath.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids for events derived from other events. A consumer that reprocesses its
 * input after a crash emits the same ids again, so the next consumer's deduplication absorbs the
 * repeat.
 */
public final class EventIds {
  private EventIds() {}

  /** A name-based UUID of the source event id and the parts that tell derived events apart. */
  public static UUID derived(UUID source, String... parts) {
    StringBuilder name = new StringBuilder(Events.require(source, "source").toString());
    for (String part : parts) {
      name.append('\u001f').append(part);
    }
    return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
  }
}
