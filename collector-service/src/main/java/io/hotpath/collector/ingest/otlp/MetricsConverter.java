package io.hotpath.collector.ingest.otlp;

import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an OTLP metrics export into {@link MetricsReceived} events: one per resource (split in
 * chunks of {@link #MAX_POINTS_PER_EVENT}), one {@link MetricPoint} per data point with all its
 * attributes as strings. Gauges and sums keep their value; explicit histograms their buckets;
 * exponential histograms become explicit ones with bounds {@code base^index}. Summaries are not
 * kept: their points are counted as rejected ("unsupported") in the partial success, which tells
 * the agent's operator instead of dropping them silently.
 */
public final class MetricsConverter {
  static final int MAX_POINTS_PER_EVENT = 1000;

  /** OTLP's {@code DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK}: a point that only marks a gap. */
  private static final int NO_RECORDED_VALUE = 1;

  private MetricsConverter() {}

  public static Converted<MetricsReceived> convert(
      String tenant, ExportMetricsServiceRequest request, EventIdSeed ids) {
    List<MetricsReceived> events = new ArrayList<>();
    Rejections rejections = new Rejections();
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      ResourceMetrics resourceMetrics = request.getResourceMetrics(r);
      ResourceIdentity identity = ResourceIdentity.of(resourceMetrics.getResource());
      if (identity.service() == null) {
        rejections.add(
            "resource " + r + " has no service.name attribute", pointCount(resourceMetrics));
        continue;
      }
      List<MetricPoint> points = new ArrayList<>();
      for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          convertMetric(metric, points, rejections);
        }
      }
      for (int chunk = 0; chunk * MAX_POINTS_PER_EVENT < points.size(); chunk++) {
        List<MetricPoint> part =
            points.subList(
                chunk * MAX_POINTS_PER_EVENT,
                Math.min(points.size(), (chunk + 1) * MAX_POINTS_PER_EVENT));
        Instant latest = part.stream().map(MetricPoint::time).max(Instant::compareTo).orElseThrow();
        events.add(
            new MetricsReceived(
                ids.id(r, chunk),
                TraceConverter.SCHEMA_VERSION,
                tenant,
                identity.service(),
                identity.environment(),
                identity.version(),
                identity.instance(),
                latest,
                part));
      }
    }
    return new Converted<>(events, rejections.total(), rejections.message("data points"));
  }

  private static void convertMetric(Metric metric, List<MetricPoint> out, Rejections rejections) {
    if (metric.getName().isBlank()) {
      rejections.add("metric without a name", pointCount(metric));
      return;
    }
    switch (metric.getDataCase()) {
      case GAUGE ->
          metric
              .getGauge()
              .getDataPointsList()
              .forEach(p -> number(metric, MetricKind.GAUGE, p, out, rejections));
      case SUM ->
          metric
              .getSum()
              .getDataPointsList()
              .forEach(p -> number(metric, MetricKind.SUM, p, out, rejections));
      case HISTOGRAM ->
          metric
              .getHistogram()
              .getDataPointsList()
              .forEach(p -> histogram(metric, p, out, rejections));
      case EXPONENTIAL_HISTOGRAM ->
          metric
              .getExponentialHistogram()
              .getDataPointsList()
              .forEach(p -> exponential(metric, p, out, rejections));
      case SUMMARY ->
          rejections.add(
              "summary metrics are unsupported", metric.getSummary().getDataPointsCount());
      default -> {
        // A metric without data carries no points to keep or reject.
      }
    }
  }

  private static void number(
      Metric metric, MetricKind kind, NumberDataPoint p, List<MetricPoint> out, Rejections r) {
    if ((p.getFlags() & NO_RECORDED_VALUE) != 0) {
      return;
    }
    double value;
    switch (p.getValueCase()) {
      case AS_DOUBLE -> value = p.getAsDouble();
      case AS_INT -> value = p.getAsInt();
      default -> {
        r.add("data point without a value", 1);
        return;
      }
    }
    if (!Double.isFinite(value)) {
      r.add("data point with a non-finite value", 1);
      return;
    }
    if (p.getTimeUnixNano() == 0) {
      r.add("data point without time_unix_nano", 1);
      return;
    }
    out.add(
        new MetricPoint(
            metric.getName(),
            kind,
            metric.getUnit(),
            AnyValues.strings(p.getAttributesList(), null),
            TraceConverter.instantOfNanos(p.getTimeUnixNano()),
            value,
            null));
  }

  private static void histogram(
      Metric metric, HistogramDataPoint p, List<MetricPoint> out, Rejections r) {
    if ((p.getFlags() & NO_RECORDED_VALUE) != 0) {
      return;
    }
    if (p.getBucketCountsCount() != 0
        && p.getBucketCountsCount() != p.getExplicitBoundsCount() + 1) {
      r.add("histogram with bucket_counts not one more than explicit_bounds", 1);
      return;
    }
    Histogram histogram =
        new Histogram(
            p.getCount(),
            p.hasSum() ? p.getSum() : 0,
            p.getBucketCountsCount() == 0 ? List.of() : p.getExplicitBoundsList(),
            p.getBucketCountsList());
    add(metric, p.getTimeUnixNano(), p.getAttributesList(), histogram, out, r);
  }

  private static void exponential(
      Metric metric, ExponentialHistogramDataPoint p, List<MetricPoint> out, Rejections r) {
    if ((p.getFlags() & NO_RECORDED_VALUE) != 0) {
      return;
    }
    Histogram histogram = toExplicit(p);
    if (histogram == null) {
      r.add("exponential histogram with bounds beyond the range of a double", 1);
      return;
    }
    add(metric, p.getTimeUnixNano(), p.getAttributesList(), histogram, out, r);
  }

  private static void add(
      Metric metric,
      long timeUnixNano,
      List<io.opentelemetry.proto.common.v1.KeyValue> attributes,
      Histogram histogram,
      List<MetricPoint> out,
      Rejections r) {
    if (timeUnixNano == 0) {
      r.add("data point without time_unix_nano", 1);
      return;
    }
    if (!Double.isFinite(histogram.sum())) {
      r.add("histogram with a non-finite sum", 1);
      return;
    }
    out.add(
        new MetricPoint(
            metric.getName(),
            MetricKind.HISTOGRAM,
            metric.getUnit(),
            AnyValues.strings(attributes, null),
            TraceConverter.instantOfNanos(timeUnixNano),
            null,
            histogram));
  }

  /**
   * The explicit-bucket form of an exponential histogram. With {@code base = 2^(2^-scale)}, bucket
   * {@code i} holds values in {@code (base^i, base^(i+1)]}; negative buckets mirror that. The
   * result has, in ascending order: one bucket per negative bucket (the most negative one open
   * below), one bucket for the zero count ending at the lower edge of the first positive bucket (or
   * at 0), then one per positive bucket, the last one open above. Null when a bound overflows.
   */
  static Histogram toExplicit(ExponentialHistogramDataPoint p) {
    int scale = p.getScale();
    List<Double> bounds = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    ExponentialHistogramDataPoint.Buckets negative = p.getNegative();
    for (int k = negative.getBucketCountsCount() - 1; k >= 0; k--) {
      bounds.add(-power(scale, (long) negative.getOffset() + k));
      counts.add(negative.getBucketCounts(k));
    }
    ExponentialHistogramDataPoint.Buckets positive = p.getPositive();
    int m = positive.getBucketCountsCount();
    bounds.add(m > 0 ? power(scale, positive.getOffset()) : 0.0);
    counts.add(p.getZeroCount());
    for (int k = 0; k < m; k++) {
      if (k < m - 1) {
        bounds.add(power(scale, (long) positive.getOffset() + k + 1));
      }
      counts.add(positive.getBucketCounts(k));
    }
    if (m == 0) {
      counts.add(0L);
    }
    if (bounds.stream().anyMatch(b -> !Double.isFinite(b))) {
      return null;
    }
    return new Histogram(p.getCount(), p.hasSum() ? p.getSum() : 0, bounds, counts);
  }

  /** {@code base^index} for {@code base = 2^(2^-scale)}. */
  static double power(int scale, long index) {
    return Math.pow(2, Math.scalb((double) index, -scale));
  }

  private static long pointCount(ResourceMetrics resourceMetrics) {
    return resourceMetrics.getScopeMetricsList().stream()
        .flatMap(scope -> scope.getMetricsList().stream())
        .mapToLong(MetricsConverter::pointCount)
        .sum();
  }

  private static long pointCount(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      default -> 0;
    };
  }
}
