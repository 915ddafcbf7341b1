package io.hotpath.analyzer.detect.profile;

import io.hotpath.contracts.telemetry.ProfileCaptured;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recent profiles of each tenant and service, as compact frame tables, over a sliding window
 * that ends at the latest profile's end. Bounded: at most {@code maxServices} services (the least
 * recently seen forgotten first) and {@code maxProfiles} profiles per service (the oldest dropped
 * first). Time is the profiles' own, never the wall clock.
 */
final class ProfileWindows {
  /** One profile in a window. */
  record Entry(UUID eventId, Instant start, Instant end, FrameTable table) {}

  /** The profiles now in one service's window, oldest first, and their merged table. */
  record Window(List<Entry> entries, FrameTable merged) {
    Instant start() {
      return entries.stream().map(Entry::start).min(Instant::compareTo).orElseThrow();
    }

    Instant end() {
      return entries.stream().map(Entry::end).max(Instant::compareTo).orElseThrow();
    }

    List<UUID> eventIds(int max) {
      List<UUID> ids = new ArrayList<>();
      for (int i = entries.size() - 1; i >= 0 && ids.size() < max; i--) {
        ids.add(0, entries.get(i).eventId());
      }
      return ids;
    }
  }

  private final int maxProfiles;
  private final Map<String, Deque<Entry>> byService;

  ProfileWindows(int maxServices, int maxProfiles) {
    if (maxServices < 1 || maxProfiles < 1) {
      throw new IllegalArgumentException("caps must be positive");
    }
    this.maxProfiles = maxProfiles;
    this.byService =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Deque<Entry>> eldest) {
            return size() > maxServices;
          }
        };
  }

  /** The end of a profile's window; its event time when the window makes no sense. */
  static Instant end(ProfileCaptured profile) {
    return profile.windowEnd().isBefore(profile.windowStart())
        ? profile.eventTime()
        : profile.windowEnd();
  }

  static Instant start(ProfileCaptured profile) {
    return profile.windowEnd().isBefore(profile.windowStart())
        ? profile.eventTime()
        : profile.windowStart();
  }

  /**
   * Adds {@code table} for {@code profile} and returns the service's window of {@code length}
   * ending at its latest profile; a profile already older than that window is not added.
   */
  Window add(ProfileCaptured profile, FrameTable table, Duration length) {
    Deque<Entry> entries =
        byService.computeIfAbsent(
            profile.tenant() + "/" + profile.service(), k -> new ArrayDeque<>());
    Instant latest = entries.isEmpty() ? end(profile) : entries.getLast().end();
    Entry entry = new Entry(profile.eventId(), start(profile), end(profile), table);
    if (entry.end().isAfter(latest.minus(length))) {
      entries.addLast(entry);
      if (entry.end().isBefore(latest)) {
        // Rare: a late profile. Keep the deque ordered by end so eviction stays simple.
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.end().compareTo(b.end()));
        entries.clear();
        entries.addAll(sorted);
      }
    }
    Instant cutoff = entries.getLast().end().minus(length);
    while (entries.size() > maxProfiles || !entries.getFirst().end().isAfter(cutoff)) {
      entries.removeFirst();
    }
    FrameTable merged = new FrameTable();
    entries.forEach(e -> merged.addAll(e.table()));
    return new Window(List.copyOf(entries), merged);
  }
}
