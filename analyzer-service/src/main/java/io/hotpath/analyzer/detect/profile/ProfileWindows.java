package io.hotpath.analyzer.detect.profile;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The recent profiles of each tenant and service over a sliding window that ends at the latest
 * profile's end. Profiles are merged into slices of a tenth of the window (so the memory a service
 * takes does not grow with its instance count or upload rate), each slice a compact frame table
 * kept frozen ({@link FrameTable.Frozen}). The newest slice is compacted when a newer one begins
 * (or when it outgrows twice the frames a slice keeps), not after each of its profiles. Bounded: at
 * most {@code maxServices} services (the least recently seen forgotten first) and {@code maxSlices}
 * slices per service (the oldest dropped first), and by bytes through a {@link StateBudget} shared
 * with other detectors. Time is the profiles' own, never the wall clock.
 */
final class ProfileWindows {
  /** Profiles whose windows end in one slice of time, merged. */
  static final class Slice {
    Instant start;
    Instant end;
    int profiles;
    FrameTable.Frozen table = FrameTable.Frozen.EMPTY;

    /** Whether {@link #table} was compacted since its last profile: the newest slice is not. */
    boolean compacted = true;

    final List<UUID> eventIds = new ArrayList<>();

    /** About how many bytes the slice takes: its fields, its event ids (a UUID each), its table. */
    long bytes() {
      return 120 + 72L * eventIds.size() + table.bytes();
    }
  }

  /** One service's slices by their start, and what they take. */
  static final class ServiceWindow extends BoundedMap.Weighed {
    final TreeMap<Long, Slice> slices = new TreeMap<>();

    @Override
    protected long bytes() {
      long bytes = 64;
      for (Slice slice : slices.values()) {
        bytes += 40 + slice.bytes();
      }
      return bytes;
    }
  }

  /** The slices now in one service's window, oldest first, and their merged table. */
  record Window(List<Slice> slices, FrameTable merged) {
    Instant start() {
      return slices.stream().map(s -> s.start).min(Instant::compareTo).orElseThrow();
    }

    Instant end() {
      return slices.stream().map(s -> s.end).max(Instant::compareTo).orElseThrow();
    }

    int profiles() {
      return slices.stream().mapToInt(s -> s.profiles).sum();
    }

    /** The ids of the latest profiles, at most {@code max}, oldest first. */
    List<UUID> eventIds(int max) {
      List<UUID> ids = new ArrayList<>();
      for (int i = slices.size() - 1; i >= 0 && ids.size() < max; i--) {
        List<UUID> slice = slices.get(i).eventIds;
        for (int j = slice.size() - 1; j >= 0 && ids.size() < max; j--) {
          ids.add(0, slice.get(j));
        }
      }
      return ids;
    }
  }

  /** Event ids remembered per slice, as exemplars. */
  private static final int IDS_PER_SLICE = 20;

  private final int maxSlices;
  private final double keptShare;
  private final int maxFrames;
  private final int maxChildren;
  private final BoundedMap.Budgeted<String, ServiceWindow> byService;

  /**
   * @param keptShare frames under this share of a slice are dropped from it
   * @param maxFrames frames kept per slice, the heaviest by total
   * @param maxChildren children kept per frame
   * @param budget the bound on the bytes of all services' windows (with other detectors' state)
   * @param name the detector, as evictions for the budget are reported
   */
  ProfileWindows(
      int maxServices,
      int maxSlices,
      double keptShare,
      int maxFrames,
      int maxChildren,
      StateBudget budget,
      String name) {
    if (maxServices < 1 || maxSlices < 1) {
      throw new IllegalArgumentException("caps must be positive");
    }
    this.maxSlices = maxSlices;
    this.keptShare = keptShare;
    this.maxFrames = maxFrames;
    this.maxChildren = maxChildren;
    this.byService = BoundedMap.weighed(maxServices, budget, name);
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
    long lengthMillis = Math.max(1000, length.toMillis());
    long sliceMillis = Math.max(1000, lengthMillis / 10);
    String key = profile.tenant() + "/" + profile.service();
    TreeMap<Long, Slice> slices = byService.computeIfAbsent(key, k -> new ServiceWindow()).slices;
    Instant end = end(profile);
    Instant latest =
        slices.isEmpty() || slices.lastEntry().getValue().end.isBefore(end)
            ? end
            : slices.lastEntry().getValue().end;
    if (end.isAfter(latest.minusMillis(lengthMillis))) {
      Slice slice =
          slices.computeIfAbsent(Math.floorDiv(end.toEpochMilli(), sliceMillis), k -> new Slice());
      Instant start = start(profile);
      slice.start = slice.start == null || start.isBefore(slice.start) ? start : slice.start;
      slice.end = slice.end == null || end.isAfter(slice.end) ? end : slice.end;
      slice.profiles++;
      if (slice.eventIds.size() < IDS_PER_SLICE) {
        slice.eventIds.add(profile.eventId());
      }
      Slice newest = slices.lastEntry().getValue();
      for (Slice other : slices.values()) {
        if (other != newest && !other.compacted) {
          compact(other);
        }
      }
      FrameTable sums = slice.table.thaw();
      sums.addAll(table);
      if (slice != newest || sums.frames().size() > 2 * maxFrames) {
        sums = sums.compact(keptShare, maxFrames, maxChildren);
        slice.compacted = true;
      } else {
        slice.compacted = false;
      }
      slice.table = sums.freeze();
    }
    Instant cutoff = latest.minusMillis(lengthMillis);
    slices.values().removeIf(s -> !s.end.isAfter(cutoff));
    while (slices.size() > maxSlices) {
      slices.pollFirstEntry();
    }
    FrameTable merged = new FrameTable();
    slices.values().forEach(s -> s.table.addTo(merged));
    Window window = new Window(List.copyOf(slices.values()), merged);
    byService.charge(key);
    return window;
  }

  /** The slice's table compacted, once it is no longer the newest. */
  private void compact(Slice slice) {
    slice.table = slice.table.thaw().compact(keptShare, maxFrames, maxChildren).freeze();
    slice.compacted = true;
  }
}
