package io.hotpath.contracts.telemetry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which metric points count a cache's hits, misses or requests, and which cache they count, as the
 * analyzer detects a missing cache and the tracker validates its fix. The usual shapes:
 * Micrometer's {@code cache.gets} with {@code result=hit|miss}, {@code cache.requests} with or
 * without {@code result}, or {@code cache.hits} and {@code cache.misses}, in Prometheus spellings
 * too ({@code cache_gets_total}). The cache is named by the {@code cache}, {@code cache.name},
 * {@code cache_name} or {@code name} attribute ({@code default} without one); its location is
 * {@code cache:<name>}.
 *
 * <p>Counters carry no temporality flag: a cumulative counter only grows, apart from a reset when
 * its process restarts; a series that went down {@link #DELTA_AFTER_DECREASES} times or more holds
 * deltas.
 */
public final class CacheCounters {
  public static final String LOCATION_PREFIX = "cache:";

  /** Decreases after which a counter series is read as deltas rather than running totals. */
  public static final int DELTA_AFTER_DECREASES = 2;

  /** What a counter point counts. */
  public enum Role {
    HIT,
    MISS,
    /** Requests, hits and misses together. */
    TOTAL
  }

  private static final List<String> NAME_ATTRIBUTES =
      List.of("cache", "cache.name", "cache_name", "name");

  private CacheCounters() {}

  /** What a point counts by its name and {@code result} attribute; null when no cache counter. */
  public static Role role(MetricPoint point) {
    String result = point.attributes().get("result");
    switch (normalized(point.name())) {
      case "cache.gets", "cache.requests", "cache.get", "cache.request" -> {
        if (result == null) {
          return Role.TOTAL;
        }
        String r = result.trim().toLowerCase(Locale.ROOT);
        if (r.equals("hit") || r.equals("hits")) {
          return Role.HIT;
        }
        if (r.equals("miss") || r.equals("misses")) {
          return Role.MISS;
        }
        return null;
      }
      case "cache.hits", "cache.hit" -> {
        return Role.HIT;
      }
      case "cache.misses", "cache.miss" -> {
        return Role.MISS;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * What a point counts when it is a usable cache counter (a gauge or sum with a finite value);
   * null otherwise.
   */
  public static Role counted(MetricPoint point) {
    if (point.kind() == MetricKind.HISTOGRAM
        || point.value() == null
        || !Double.isFinite(point.value())) {
      return null;
    }
    return role(point);
  }

  /** The cache a counter counts. */
  public static String cacheName(Map<String, String> attributes) {
    for (String key : NAME_ATTRIBUTES) {
      String value = attributes.get(key);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return "default";
  }

  /** The bottleneck location of a cache: {@code cache:<name>}. */
  public static String location(String cache) {
    return LOCATION_PREFIX + cache;
  }

  /**
   * What a running total counted from {@code previous} to {@code current}: the increase, or after a
   * reset (the value went down) the new total.
   */
  public static double increase(double previous, double current) {
    return current >= previous ? current - previous : Math.max(0, current);
  }

  private static String normalized(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '.');
    return n.endsWith(".total") ? n.substring(0, n.length() - ".total".length()) : n;
  }
}
