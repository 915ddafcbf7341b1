package io.hotpath.analyzer.detect;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The history of each bottleneck fingerprint: when it was first and last seen (event time) and in
 * how many distinct reports. Kept in memory and bounded: the least recently seen fingerprints are
 * forgotten first. A report counted once is not counted again, so a redelivered report does not
 * inflate the count.
 */
public final class Sightings {
  /** Enough to recognise redeliveries, which come soon after the original. */
  static final int RECENT_SOURCES_PER_FINGERPRINT = 64;

  /** A fingerprint's history after a sighting. */
  public record Sighting(Instant firstSeen, Instant lastSeen, long occurrences) {}

  private static final class History {
    Instant firstSeen;
    Instant lastSeen;
    long occurrences;
    final LinkedHashSet<UUID> recentSources = new LinkedHashSet<>();
  }

  private final Map<String, History> histories;

  public Sightings(int capacity) {
    // BoundedMap refuses a capacity under 1 with "capacity must be at least 1".
    this.histories = new BoundedMap<>(capacity);
  }

  /**
   * Records that report {@code source}, of event time {@code at}, shows {@code fingerprint}.
   *
   * @return the history including this sighting
   */
  public synchronized Sighting record(String fingerprint, UUID source, Instant at) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    History history = histories.computeIfAbsent(fingerprint, f -> new History());
    if (history.recentSources.add(source)) {
      if (history.recentSources.size() > RECENT_SOURCES_PER_FINGERPRINT) {
        history.recentSources.remove(history.recentSources.iterator().next());
      }
      history.occurrences++;
      // Reports may arrive out of event-time order (agent retries, clock skew).
      if (history.firstSeen == null || at.isBefore(history.firstSeen)) {
        history.firstSeen = at;
      }
      if (history.lastSeen == null || at.isAfter(history.lastSeen)) {
        history.lastSeen = at;
      }
    }
    return new Sighting(history.firstSeen, history.lastSeen, history.occurrences);
  }

  /** How many fingerprints are remembered. */
  public synchronized int size() {
    return histories.size();
  }
}
