package io.hotpath.tracker.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.contracts.telemetry.CacheCounters;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The part of a metric batch the tracker keeps: its header and its cache counters. Read with the
 * event mapper into this narrower shape, a histogram's buckets are skipped as tokens instead of
 * being built (most of a batch of the fleet's shape is route histograms), and only the points that
 * count a cache become {@link MetricPoint}s. The tracker reads every metric batch of the fleet for
 * its cache counters; reading them whole was most of its Jackson time.
 *
 * <p>A batch is refused as a whole read refuses it when its header is not valid, or when a point
 * that is no histogram lacks what every point needs; a histogram point is not looked into.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CacheCounterBatch(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    List<Point> points) {

  private static final String WHAT = MetricsReceived.class.getSimpleName();

  /** A metric point without its histogram. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Point(
      String name,
      MetricKind kind,
      String unit,
      Map<String, String> attributes,
      Instant time,
      Double value) {}

  /**
   * Reads a batch's header and cache counters from its bytes.
   *
   * @throws InvalidEventException naming {@code MetricsReceived}, what is wrong and where
   */
  static MetricsReceived read(byte[] payload) {
    return BottleneckConsumer.read(payload, CacheCounterBatch.class, MetricsReceived.class)
        .toEvent();
  }

  /** The batch as the event it came from, with its cache counters as its only points. */
  MetricsReceived toEvent() {
    List<MetricPoint> counters = new ArrayList<>();
    for (int i = 0; points != null && i < points.size(); i++) {
      Point p = points.get(i);
      if (p == null || p.kind() == MetricKind.HISTOGRAM) {
        continue;
      }
      MetricPoint point;
      try {
        point =
            new MetricPoint(
                p.name(), p.kind(), p.unit(), p.attributes(), p.time(), p.value(), null);
      } catch (IllegalArgumentException e) {
        throw new InvalidEventException(WHAT + ": " + e.getMessage(), "/points/" + i, e);
      }
      if (CacheCounters.counted(point) != null) {
        counters.add(point);
      }
    }
    try {
      return new MetricsReceived(
          eventId,
          schemaVersion,
          tenant,
          service,
          environment,
          version,
          instance,
          eventTime,
          points == null ? null : counters);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(WHAT + ": " + e.getMessage(), "", e);
    }
  }
}
