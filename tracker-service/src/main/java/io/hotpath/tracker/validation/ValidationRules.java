package io.hotpath.tracker.validation;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.CacheCounters;
import io.hotpath.contracts.telemetry.LockWaits;
import io.hotpath.tracker.baseline.BaselineFigures;
import io.hotpath.tracker.baseline.BaselineFigures.CacheFigures;
import io.hotpath.tracker.baseline.BaselineFigures.EndpointFigures;
import io.hotpath.tracker.baseline.BaselineFigures.Figure;
import io.hotpath.tracker.baseline.BaselineFigures.LockFigures;
import io.hotpath.tracker.baseline.BaselineFigures.QueryFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validation of a shipped fix (DESIGN.md): against the previous version's measured baseline,
 * startup at most 1.2 x, memory at most 1.5 x, every endpoint's p95 at most 1.5 x (each limit
 * inclusive: exactly 1.2 x passes), no endpoint newly failing (a functional check that passed and
 * now fails, or an error rate up by more than the allowed points), and a measurable improvement of
 * the metric the bottleneck is about (lower by at least {@code minImprovementPercent}).
 */
public final class ValidationRules {
  private ValidationRules() {}

  public enum Verdict {
    /** Every rule held and the targeted metric improved. */
    PASSED,
    /** A rule broke or the targeted metric did not improve. */
    FAILED,
    /** The targeted metric was not measured in one of the versions: nothing to decide on. */
    INCONCLUSIVE
  }

  /** The limits, from configuration. */
  public record Limits(
      double startupRatio,
      double memoryRatio,
      double endpointRatio,
      double maxErrorRateIncrease,
      double minImprovementPercent) {}

  /**
   * How much telemetry a version needs before its cache's miss rate or a function's lock wait is a
   * figure: requests the cache served, lock profiles.
   */
  public record Minimums(double cacheRequests, double lockProfiles) {
    /** No minimum. */
    public static final Minimums NONE = new Minimums(0, 0);
  }

  /** One comparison with the baseline; {@code ratio} is measured / baseline. */
  public record Check(
      String check,
      String unit,
      double baseline,
      double measured,
      double ratio,
      double limit,
      boolean pass) {}

  /** The metric the fix targets, before and after; lower is better. */
  public record Improvement(
      String metric, String unit, double before, double after, double delta, double percent) {}

  public record Result(
      Verdict verdict,
      List<String> reasons,
      List<String> notes,
      List<Check> checks,
      Improvement improvement,
      String metric,
      String unit,
      Double before,
      Double after) {}

  /**
   * How the targeted metric is read from a version's figures. {@code detail}, where given, says
   * more about a version's measurement for the notes; an unmeasurable target has no {@code read}
   * and says in {@code unmeasured} what is missing.
   */
  public record Target(
      String metric,
      String unit,
      Function<BaselineFigures, Double> read,
      Function<BaselineFigures, String> detail,
      String unmeasured,
      Function<BaselineFigures, String> lacking) {
    public Target(String metric, String unit, Function<BaselineFigures, Double> read) {
      this(metric, unit, read, null, null, null);
    }

    public Target(
        String metric,
        String unit,
        Function<BaselineFigures, Double> read,
        Function<BaselineFigures, String> detail,
        String unmeasured) {
      this(metric, unit, read, detail, unmeasured, null);
    }

    /** Nothing on the telemetry-reports topic measures it; {@code why} names what is missing. */
    public static Target unmeasurable(String why) {
      return new Target(null, null, null, null, why, null);
    }

    /**
     * What a version still lacks for this target beside the usual reports (cache requests, lock
     * profiles), or null when it has enough.
     */
    public String lackingIn(BaselineFigures figures) {
      return lacking == null ? null : lacking.apply(figures);
    }

    public boolean measurable() {
      return read != null;
    }
  }

  /** As {@link #targetOf(BottleneckType, String, Minimums)} without minimums. */
  public static Target targetOf(BottleneckType type, String location) {
    return targetOf(type, location, Minimums.NONE);
  }

  /**
   * The metric a bottleneck is about, as the version's telemetry measures it; an {@link
   * Target#unmeasurable} target, with the reason, where none does. A cache's miss rate (from the
   * metrics) and a function's lock wait (from the lock profiles) count only in a version that has
   * {@code minimums} of them.
   */
  public static Target targetOf(BottleneckType type, String location, Minimums minimums) {
    switch (type) {
      case SLOW_STARTUP:
        if (location.startsWith("startup-phase:")) {
          String phase = location.substring("startup-phase:".length());
          return new Target("startup phase " + phase, "ms", f -> f.startup().phasesMs().get(phase));
        }
        if (location.equals("startup:memory")) {
          return new Target("startup memory", "MB", f -> f.startup().startupMemoryMb());
        }
        if (location.endsWith(":warm")) {
          return new Target("warm start", "ms", f -> f.startup().warmStartMs());
        }
        return new Target("cold start", "ms", f -> f.startup().coldStartMs());
      case SLOW_ENDPOINT:
      case REGRESSION:
        return new Target(
            "p95 of " + location, "ms", f -> endpoint(f, location, EndpointFigures::p95Ms));
      case ERROR_RATE:
        return new Target(
            "error rate of " + location,
            "ratio",
            f -> endpoint(f, location, EndpointFigures::errorRate));
      case TIMEOUTS:
        return new Target(
            "timeout rate of " + location,
            "ratio",
            f -> endpoint(f, location, EndpointFigures::timeoutRate));
      case SLOW_QUERY:
        if (!location.matches(QUERY_LOCATION)) {
          return Target.unmeasurable(
              "slow query at "
                  + location
                  + " names no statement (query:<12 hex of the normalized SQL's SHA-256>), which"
                  + " query statistics are measured by");
        }
        return new Target(
            "mean time of " + location,
            "ms",
            f -> statement(f, location, QueryFigures::meanMs),
            f -> statementDetail(f, location),
            null);
      case N_PLUS_ONE:
      case SEQUENTIAL_QUERIES:
        {
          // "<parent span name> -> <repeated call>": when the parent is a server span
          // ("GET /orders/{id}"), the fix shows as that endpoint's p95.
          int arrow = location.indexOf(" -> ");
          if (arrow <= 0) {
            return Target.unmeasurable(
                type + " at " + location + " names no parent span to measure the fix by");
          }
          String parent = location.substring(0, arrow).trim();
          return new Target(
              "p95 of " + parent + ", the requests that make the calls",
              "ms",
              f -> endpointIgnoringCase(f, parent, EndpointFigures::p95Ms));
        }
      case MEMORY_LEAK:
        return new Target("heap after GC growth", "MB/h", f -> f.resources().heapGrowthMbPerHour());
      case CPU_HOTSPOT:
        return new Target("CPU", "%", f -> f.resources().cpuPercent());
      case DB_POOL_SATURATION:
        return new Target(
            "active DB connections", "connections", f -> f.resources().dbConnectionsActive());
      case LOCK_CONTENTION:
        if (!location.startsWith(LockWaits.LOCATION_PREFIX)
            || location.length() == LockWaits.LOCATION_PREFIX.length()) {
          return Target.unmeasurable(
              "lock contention at " + location + " names no waiting function (lock:<function>)");
        }
        return new Target(
            "lock wait of " + location,
            "ms/min",
            f -> lockWait(f, location, minimums),
            f -> lockDetail(f, location),
            null,
            f -> lockLacking(f, minimums));
      case CACHE_MISS_RATE:
        if (!location.startsWith(CacheCounters.LOCATION_PREFIX)
            || location.length() == CacheCounters.LOCATION_PREFIX.length()) {
          return Target.unmeasurable(
              "cache miss rate at " + location + " names no cache (cache:<name>)");
        }
        return new Target(
            "miss rate of " + location,
            "%",
            f -> missRate(f, location, minimums),
            f -> cacheDetail(f, location),
            null,
            f -> cacheLacking(f, location, minimums));
      default:
        return Target.unmeasurable("no telemetry report measures a " + type + " bottleneck");
    }
  }

  /** The cache's miss rate in percent, where the version's counters of it saw enough requests. */
  private static Double missRate(BaselineFigures f, String location, Minimums minimums) {
    CacheFigures c = f.caches().get(location);
    if (c == null || c.requests() == null || c.requests() < Math.max(1, minimums.cacheRequests())) {
      return null;
    }
    return c.missRatePercent();
  }

  private static String cacheDetail(BaselineFigures f, String location) {
    CacheFigures c = f.caches().get(location);
    if (c == null) {
      return "no counters of it in "
          + f.metricBatches()
          + " metric batches"
          + (f.cacheSeriesLeftOut() > 0
              ? " (" + f.cacheSeriesLeftOut() + " points of series beyond the kept ones)"
              : "");
    }
    if (c.requests() == null) {
      return "its " + c.series() + " counter series tell no hits and misses apart";
    }
    return String.format(
        Locale.ROOT,
        "hit rate %s %% (%s hits, %s misses of %s requests)",
        num(c.hitRate() == null ? 0 : round(100 * c.hitRate())),
        num(c.hits()),
        num(c.misses()),
        num(c.requests()));
  }

  private static String cacheLacking(BaselineFigures f, String location, Minimums minimums) {
    CacheFigures c = f.caches().get(location);
    double requests = c == null || c.requests() == null ? 0 : c.requests();
    return requests >= minimums.cacheRequests()
        ? null
        : num(requests) + " of " + num(minimums.cacheRequests()) + " cache requests";
  }

  /**
   * The function's lock wait per minute of lock profiling; 0 where the version has enough lock
   * profiles and the function waited in none (the fix removed the contention), unless functions
   * were left out of the version's figures.
   */
  private static Double lockWait(BaselineFigures f, String location, Minimums minimums) {
    BaselineFigures.LockTotals t = f.lockTotals();
    if (t.profiles() < Math.max(1, minimums.lockProfiles())
        || t.profiledMinutes() == null
        || t.profiledMinutes() <= 0) {
      return null;
    }
    LockFigures l = f.locks().get(location);
    if (l == null) {
      return t.framesLeftOut() > 0 ? null : 0.0;
    }
    return l.waitMsPerMinute();
  }

  private static String lockDetail(BaselineFigures f, String location) {
    BaselineFigures.LockTotals t = f.lockTotals();
    LockFigures l = f.locks().get(location);
    String over =
        String.format(
            Locale.ROOT,
            "%d lock profiles, %s min profiled",
            t.profiles(),
            num(t.profiledMinutes() == null ? 0 : t.profiledMinutes()));
    if (l == null) {
      return "no wait in " + over;
    }
    return String.format(
        Locale.ROOT,
        "%s ms waited in %d of %s (%s %% of all lock wait)",
        num(l.waitMs()),
        l.profiles(),
        over,
        num(l.share() == null ? 0 : round(100 * l.share())));
  }

  private static String lockLacking(BaselineFigures f, Minimums minimums) {
    long profiles = f.lockTotals().profiles();
    return profiles >= minimums.lockProfiles()
        ? null
        : profiles + " of " + num(minimums.lockProfiles()) + " lock profiles";
  }

  /** How the analyzer names a statement: {@code query:} and 12 hex digits. */
  private static final String QUERY_LOCATION =
      Pattern.quote(SqlNormalizer.LOCATION_PREFIX) + "[0-9a-f]{12}";

  private static Double statement(
      BaselineFigures f, String location, Function<QueryFigures, Double> read) {
    QueryFigures q = f.queries().get(location);
    return q == null ? null : read.apply(q);
  }

  private static String statementDetail(BaselineFigures f, String location) {
    QueryFigures q = f.queries().get(location);
    if (q == null) {
      return "not seen in " + f.queryWindows() + " query-statistics windows";
    }
    return String.format(
        Locale.ROOT,
        "mean %s ms%s over %d calls in %d windows",
        num(q.meanMs()),
        q.p95Ms() == null ? "" : ", p95 " + num(q.p95Ms()) + " ms",
        q.calls(),
        q.windows());
  }

  /** The analyzer lower-cases span names in trace locations; endpoint keys keep the method. */
  private static Double endpointIgnoringCase(
      BaselineFigures f, String route, Function<EndpointFigures, Double> read) {
    return f.endpoints().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(route))
        .findFirst()
        .map(e -> read.apply(e.getValue()))
        .orElse(null);
  }

  private static Double endpoint(
      BaselineFigures f, String route, Function<EndpointFigures, Double> read) {
    EndpointFigures e = f.endpoints().get(route);
    return e == null ? null : read.apply(e);
  }

  public static Result validate(
      String beforeVersion,
      BaselineFigures before,
      String afterVersion,
      BaselineFigures after,
      Target target,
      Limits limits) {
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Check> checks = new ArrayList<>();

    compare(
        "startup",
        BaselineFigures.comparable(before.startupFigures(), after.startupFigures()),
        limits.startupRatio(),
        beforeVersion,
        reasons,
        notes,
        checks);
    compare(
        "memory",
        BaselineFigures.comparable(before.memoryFigures(), after.memoryFigures()),
        limits.memoryRatio(),
        beforeVersion,
        reasons,
        notes,
        checks);
    for (Map.Entry<String, EndpointFigures> e : after.endpoints().entrySet()) {
      String route = e.getKey();
      EndpointFigures was = before.endpoints().get(route);
      EndpointFigures now = e.getValue();
      if (was == null || was.p95Ms() == null || now.p95Ms() == null) {
        notes.add("endpoint " + route + " has no p95 in " + beforeVersion + "; not compared");
        continue;
      }
      check(
          "endpoint " + route + " p95",
          "ms",
          was.p95Ms(),
          now.p95Ms(),
          limits.endpointRatio(),
          beforeVersion,
          reasons,
          checks);
      if (was.errorRate() != null
          && now.errorRate() != null
          && now.errorRate() > was.errorRate() + limits.maxErrorRateIncrease() + 1e-12) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "endpoint %s is newly failing: error rate %s (%d of %d requests), %s in %s;"
                    + " at most %s more is allowed",
                route,
                percent(now.errorRate()),
                now.errors(),
                now.requests(),
                percent(was.errorRate()),
                beforeVersion,
                percent(limits.maxErrorRateIncrease())));
      }
    }
    after
        .functionality()
        .forEach(
            (name, now) -> {
              if (now.lastPassed()) {
                return;
              }
              var was = before.functionality().get(name);
              if (was != null && !was.lastPassed()) {
                notes.add("functional check " + name + " already failed in " + beforeVersion);
                return;
              }
              reasons.add(
                  "functional check "
                      + name
                      + " is newly failing in "
                      + afterVersion
                      + (now.lastDetail() == null ? "" : " (" + now.lastDetail() + ")")
                      + (was == null
                          ? "; it was not run on " + beforeVersion
                          : "; it passed in " + beforeVersion));
            });

    if (target == null || !target.measurable()) {
      notes.add(
          target == null
              ? "no telemetry report measures what this bottleneck is about"
              : target.unmeasured());
      return new Result(
          reasons.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.FAILED,
          reasons,
          notes,
          checks,
          null,
          null,
          null,
          null,
          null);
    }
    Double was = target.read().apply(before);
    Double now = target.read().apply(after);
    if (target.detail() != null) {
      notes.add(
          target.metric()
              + ": "
              + target.detail().apply(before)
              + " in "
              + beforeVersion
              + "; "
              + target.detail().apply(after)
              + " in "
              + afterVersion);
    }
    if (was == null || now == null) {
      String missing =
          was == null && now == null
              ? beforeVersion + " nor " + afterVersion
              : was == null ? beforeVersion : afterVersion;
      notes.add(target.metric() + " was not measured in " + missing);
      return new Result(
          reasons.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.FAILED,
          reasons,
          notes,
          checks,
          null,
          target.metric(),
          target.unit(),
          was,
          now);
    }
    double delta = was - now;
    double pct = was > 0 ? round(delta / was * 100.0) : 0.0;
    Improvement improvement =
        new Improvement(target.metric(), target.unit(), was, now, round(delta), pct);
    if (!(was > 0) || pct < limits.minImprovementPercent()) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s did not improve measurably: %s %s in %s, %s %s in %s (%s %%); at least %s %%"
                  + " lower is needed",
              target.metric(),
              num(now),
              target.unit(),
              afterVersion,
              num(was),
              target.unit(),
              beforeVersion,
              num(-pct),
              num(limits.minImprovementPercent())));
    }
    return new Result(
        reasons.isEmpty() ? Verdict.PASSED : Verdict.FAILED,
        reasons,
        notes,
        checks,
        improvement,
        target.metric(),
        target.unit(),
        was,
        now);
  }

  private static void compare(
      String what,
      List<Figure> pair,
      double limit,
      String beforeVersion,
      List<String> reasons,
      List<String> notes,
      List<Check> checks) {
    if (pair.isEmpty()) {
      notes.add(what + " was not measured in both versions; not compared");
      return;
    }
    Figure was = pair.get(0);
    Figure now = pair.get(1);
    check(
        what + " (" + was.name() + ")",
        was.unit(),
        was.value(),
        now.value(),
        limit,
        beforeVersion,
        reasons,
        checks);
  }

  private static void check(
      String what,
      String unit,
      double baseline,
      double measured,
      double limit,
      String beforeVersion,
      List<String> reasons,
      List<Check> checks) {
    double ratio = baseline > 0 ? round(measured / baseline) : measured > 0 ? 1e9 : 1.0;
    boolean pass = measured <= limit * baseline + 1e-9;
    checks.add(new Check(what, unit, baseline, measured, ratio, limit, pass));
    if (!pass) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s %s %s is %s x the baseline %s %s of %s; at most %s x (%s %s) is allowed",
              what,
              num(measured),
              unit,
              num(ratio),
              num(baseline),
              unit,
              beforeVersion,
              num(limit),
              num(round(limit * baseline)),
              unit));
    }
  }

  private static final Pattern PLAN_TARGET =
      Pattern.compile("^\\s*(<=|>=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*$");

  /**
   * Whether the measured value meets the plan's own validation target ({@code <= 1000}); a note,
   * not a rule: the plan's metric and units are the planner's, the rules above are the tracker's.
   * Null when there is nothing to say.
   */
  public static String planTargetNote(
      BottleneckType type, String metric, String target, Double after, String unit) {
    // The planner states a cache fix's target as a hit rate (cache.hit.rate[…] >= 0.9); the
    // tracker measures the miss rate in percent.
    if (type == BottleneckType.CACHE_MISS_RATE
        && after != null
        && metric != null
        && metric.toLowerCase(Locale.ROOT).contains("hit")) {
      return planTargetNote(metric, target, Math.round((100 - after) * 100) / 10_000.0, "hit rate");
    }
    return planTargetNote(metric, target, after, unit);
  }

  /** As above, for a value in the plan's own terms. */
  public static String planTargetNote(String metric, String target, Double after, String unit) {
    if (after == null || target == null || target.isBlank()) {
      return null;
    }
    Matcher m = PLAN_TARGET.matcher(target);
    if (!m.matches()) {
      return "the plan's target for " + metric + " is '" + target.trim() + "'; not checked";
    }
    double limit = Double.parseDouble(m.group(2));
    boolean met =
        switch (m.group(1)) {
          case "<=" -> after <= limit;
          case "<" -> after < limit;
          case ">=" -> after >= limit;
          default -> after > limit;
        };
    return "the plan's target for "
        + metric
        + " is "
        + m.group(1)
        + " "
        + m.group(2)
        + ": "
        + num(after)
        + " "
        + unit
        + (met ? " meets it" : " does not meet it");
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

  /** A number without a needless ".0". */
  static String num(double value) {
    double r = round(value);
    return r == Math.rint(r) && Math.abs(r) < 1e15
        ? Long.toString((long) r)
        : String.format(Locale.ROOT, "%s", r);
  }

  private static String percent(double rate) {
    return num(rate * 100.0) + " %";
  }
}
