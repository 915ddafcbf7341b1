package io.hotpath.analyzer.detect;

import io.hotpath.analyzer.detect.trace.PlausibleSpans;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Takes the parts of a parseable event that make no sense out of it before any detector sees it,
 * and says what it took and why, so the caller can count it ({@code
 * hotpath_analyzer_skipped_total{input,reason}}). What is left goes on to the detectors; an event
 * left with nothing still goes on (it shows its service kept sending) and finds nothing.
 *
 * <p>A record that is not a valid event at all (bad JSON, a span without ids or ending before it
 * starts, a stack without frames, a negative startup phase) never gets here: the contract's
 * constructors reject it and the consumer dead-letters it. This class handles what the contract
 * accepts but no agent should send:
 *
 * <table>
 *   <caption>reasons</caption>
 *   <tr><th>reason</th><th>what is skipped</th></tr>
 *   <tr><td>{@code implausible-time}</td><td>a span, metric point, resource sample or profile
 *       further than the tolerance from its event's time (a clock at 1970, nanoseconds sent as
 *       milliseconds)</td></tr>
 *   <tr><td>{@code not-finite}</td><td>a NaN or infinite value (metric point, report
 *       field)</td></tr>
 *   <tr><td>{@code negative-value}</td><td>a negative measurement: metric value, stack value, call
 *       or request count, duration, memory. Every quantity the detectors read is a count, a
 *       duration or a size</td></tr>
 *   <tr><td>{@code inconsistent-histogram}</td><td>a histogram whose bucket counts do not add up
 *       to its count, with a negative count or sum, or bounds that are not finite and
 *       ascending</td></tr>
 *   <tr><td>{@code blank-frame}</td><td>a stack with an empty frame name</td></tr>
 *   <tr><td>{@code empty-profile}</td><td>a profile without a single stack (counted once; the
 *       event goes on)</td></tr>
 *   <tr><td>{@code inconsistent-counts}</td><td>an endpoint row with more errors or timeouts than
 *       requests</td></tr>
 * </table>
 *
 * <p>Items are skipped one by one (a batch with one bad span keeps its other spans); a startup
 * report's nonsensical time to ready or memory is dropped from it, its phases stay.
 */
public final class InputCheck {
  public static final String IMPLAUSIBLE_TIME = "implausible-time";
  public static final String NOT_FINITE = "not-finite";
  public static final String NEGATIVE_VALUE = "negative-value";
  public static final String INCONSISTENT_HISTOGRAM = "inconsistent-histogram";
  public static final String BLANK_FRAME = "blank-frame";
  public static final String EMPTY_PROFILE = "empty-profile";
  public static final String INCONSISTENT_COUNTS = "inconsistent-counts";

  /** The event as detectors should see it, and how many items were skipped per reason. */
  public record Checked(HotpathEvent event, Map<String, Integer> skipped) {
    public boolean clean() {
      return skipped.isEmpty();
    }
  }

  private final Duration tolerance;

  /**
   * @param tolerance how far a span's, point's or profile's time may be from its event's time
   */
  public InputCheck(Duration tolerance) {
    this.tolerance = tolerance;
  }

  public Checked check(HotpathEvent event) {
    Map<String, Integer> skipped = new TreeMap<>();
    HotpathEvent checked = event;
    if (event instanceof SpansReceived spans) {
      PlausibleSpans.Checked plausible = PlausibleSpans.check(spans, tolerance);
      count(skipped, IMPLAUSIBLE_TIME, plausible.dropped());
      checked = plausible.batch();
    } else if (event instanceof MetricsReceived metrics) {
      checked = metrics(metrics, skipped);
    } else if (event instanceof ProfileCaptured profile) {
      checked = profile(profile, skipped);
    } else if (event instanceof ResourcesSampled resources) {
      checked = resources(resources, skipped);
    } else if (event instanceof StartupReported startup) {
      checked = startup(startup, skipped);
    } else if (event instanceof QueryStatsReported queries) {
      checked = queries(queries, skipped);
    } else if (event instanceof EndpointStatsReported endpoints) {
      checked = endpoints(endpoints, skipped);
    }
    return new Checked(skipped.isEmpty() ? event : checked, Map.copyOf(skipped));
  }

  private MetricsReceived metrics(MetricsReceived event, Map<String, Integer> skipped) {
    List<MetricPoint> kept =
        keep(event.points(), point -> pointReason(event.eventTime(), point), skipped);
    if (kept == event.points()) {
      return event;
    }
    return new MetricsReceived(
        event.eventId(),
        event.schemaVersion(),
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
        kept);
  }

  private String pointReason(Instant eventTime, MetricPoint point) {
    if (!plausible(eventTime, point.time())) {
      return IMPLAUSIBLE_TIME;
    }
    if (point.histogram() != null) {
      return consistent(point.histogram()) ? null : INCONSISTENT_HISTOGRAM;
    }
    return valueReason(point.value());
  }

  private static boolean consistent(Histogram h) {
    if (h.count() < 0 || !Double.isFinite(h.sum()) || h.sum() < 0) {
      return false;
    }
    double previous = Double.NEGATIVE_INFINITY;
    for (double bound : h.bounds()) {
      if (!Double.isFinite(bound) || bound <= previous) {
        return false;
      }
      previous = bound;
    }
    if (h.counts().isEmpty()) {
      return true;
    }
    long total = 0;
    for (long c : h.counts()) {
      if (c < 0) {
        return false;
      }
      total += c;
    }
    return total == h.count();
  }

  private ProfileCaptured profile(ProfileCaptured event, Map<String, Integer> skipped) {
    if (event.stacks().isEmpty()) {
      count(skipped, EMPTY_PROFILE, 1);
      return event;
    }
    List<StackSample> kept;
    if (!plausible(event.eventTime(), event.windowEnd())
        || !plausible(event.eventTime(), event.windowStart())) {
      count(skipped, IMPLAUSIBLE_TIME, event.stacks().size());
      kept = List.of();
    } else {
      kept =
          keep(
              event.stacks(),
              stack ->
                  stack.value() < 0
                      ? NEGATIVE_VALUE
                      : stack.frames().stream().anyMatch(f -> f == null || f.isBlank())
                          ? BLANK_FRAME
                          : null,
              skipped);
      if (kept == event.stacks()) {
        return event;
      }
    }
    return new ProfileCaptured(
        event.eventId(),
        event.schemaVersion(),
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
        event.profileType(),
        event.sampleType(),
        event.unit(),
        event.periodNanos(),
        event.windowStart(),
        event.windowEnd(),
        kept);
  }

  private ResourcesSampled resources(ResourcesSampled event, Map<String, Integer> skipped) {
    List<ResourceSample> kept =
        keep(
            event.samples(),
            s ->
                !plausible(event.eventTime(), s.time())
                    ? IMPLAUSIBLE_TIME
                    : first(
                        valueReason(s.cpuPercent()),
                        valueReason(s.heapUsedMb()),
                        valueReason(s.heapAfterGcMb()),
                        valueReason(s.rssMb()),
                        valueReason(s.dbConnectionsActive()),
                        valueReason(s.dbConnectionsMax()),
                        valueReason(s.dbConnectionsPending())),
            skipped);
    if (kept == event.samples()) {
      return event;
    }
    return new ResourcesSampled(
        event.eventId(),
        event.schemaVersion(),
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
        kept);
  }

  private static StartupReported startup(StartupReported event, Map<String, Integer> skipped) {
    String readyReason = valueReason(event.timeToReadyMs());
    String memoryReason = valueReason(event.startupMemoryMb());
    if (readyReason == null && memoryReason == null) {
      return event;
    }
    count(skipped, readyReason, 1);
    count(skipped, memoryReason, 1);
    return new StartupReported(
        event.eventId(),
        event.schemaVersion(),
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
        event.startType(),
        event.phases(),
        readyReason == null ? event.timeToReadyMs() : null,
        memoryReason == null ? event.startupMemoryMb() : null);
  }

  private static QueryStatsReported queries(
      QueryStatsReported event, Map<String, Integer> skipped) {
    List<QueryStats> kept =
        keep(
            event.queries(),
            q ->
                first(
                    valueReason(q.calls()),
                    valueReason(q.totalMs()),
                    valueReason(q.meanMs()),
                    valueReason(q.p95Ms()),
                    valueReason(q.rows())),
            skipped);
    if (kept == event.queries()) {
      return event;
    }
    return new QueryStatsReported(
        event.eventId(),
        event.schemaVersion(),
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
        event.windowStart(),
        event.windowEnd(),
        kept);
  }

  private static EndpointStatsReported endpoints(
      EndpointStatsReported event, Map<String, Integer> skipped) {
    List<EndpointStats> kept =
        keep(
            event.endpoints(),
            e ->
                first(
                    valueReason(e.requests()),
                    valueReason(e.errors()),
                    valueReason(e.timeouts()),
                    valueReason(e.p50Ms()),
                    valueReason(e.p95Ms()),
                    valueReason(e.p99Ms()),
                    e.errors() > e.requests() || e.timeouts() > e.requests()
                        ? INCONSISTENT_COUNTS
                        : null),
            skipped);
    if (kept == event.endpoints()) {
      return event;
    }
    return new EndpointStatsReported(
        event.eventId(),
        event.schemaVersion(),
        event.tenant(),
        event.service(),
        event.environment(),
        event.version(),
        event.instance(),
        event.eventTime(),
        event.windowStart(),
        event.windowEnd(),
        kept);
  }

  /**
   * The items whose {@code reason} is null, each other one counted under its reason; {@code items}
   * itself when nothing was dropped.
   */
  private static <T> List<T> keep(
      List<T> items, Function<T, String> reason, Map<String, Integer> skipped) {
    List<T> kept = new ArrayList<>(items.size());
    for (T item : items) {
      String why = reason.apply(item);
      if (why == null) {
        kept.add(item);
      } else {
        count(skipped, why, 1);
      }
    }
    return kept.size() == items.size() ? items : kept;
  }

  private boolean plausible(Instant eventTime, Instant time) {
    return Duration.between(time, eventTime).abs().compareTo(tolerance) <= 0;
  }

  /** Why a measurement makes no sense, or null when it does (an absent one makes sense). */
  private static String valueReason(Number value) {
    if (value == null) {
      return null;
    }
    double v = value.doubleValue();
    if (!Double.isFinite(v)) {
      return NOT_FINITE;
    }
    return v < 0 ? NEGATIVE_VALUE : null;
  }

  private static String first(String... reasons) {
    for (String reason : reasons) {
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private static void count(Map<String, Integer> skipped, String reason, int n) {
    if (reason != null && n > 0) {
      skipped.merge(reason, n, Integer::sum);
    }
  }
}
