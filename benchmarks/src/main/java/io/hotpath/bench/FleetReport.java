package io.hotpath.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet bench's verdicts and its Markdown report, both read from the results map (the same tree
 * that goes to {@code results.json}). Targets are reported, never asserted: a bench on a shared
 * machine measures, it does not pass or fail.
 */
final class FleetReport {
  static final String MET = "met";
  static final String MISSED = "missed";
  static final String NOT_AT_SCALE = "not measured at this scale";

  static final double RATIO_TARGET = 0.5;
  static final double FLEET_RATE_TARGET = 1_000;
  static final int FLEET_SERVICES_TARGET = 1_000;
  static final double E2E_P99_TARGET_MS = 2_000;
  static final double READY_TARGET_MS = 1_500;
  static final double RSS_TARGET_MB = 200;

  private FleetReport() {}

  /** Each target with the figure measured and met, missed, or not measured at this scale. */
  static List<Map<String, Object>> targets(Map<String, Object> r, FleetOptions options) {
    List<Map<String, Object>> targets = new ArrayList<>();

    double ratio = num(r, "ceiling.collectorToRawProducer");
    targets.add(
        target(
            "collector >= 50 % of raw producer throughput for the same events",
            String.format(
                Locale.ROOT,
                "%.0f %% (%s reports/s vs %s records/s)",
                ratio * 100,
                fig(num(r, "ceiling.collector.acceptedPerSecond")),
                fig(num(r, "ceiling.rawProducer.recordsPerSecond"))),
            ratio >= RATIO_TARGET ? MET : MISSED));

    double offered = num(r, "fleetIngest.offeredPerSecond");
    double accepted = num(r, "fleetIngest.acceptedPerSecond");
    boolean atScale =
        offered >= FLEET_RATE_TARGET * 0.999 && options.services() >= FLEET_SERVICES_TARGET;
    String sustained = accepted >= offered * 0.99 ? MET : MISSED;
    targets.add(
        target(
            "sustained 1,000 reports/s from a 1,000-service fleet",
            String.format(
                Locale.ROOT,
                "%s of %s reports/s accepted (%,d services x %d)",
                fig(accepted),
                fig(offered),
                options.services(),
                options.instances()),
            atScale ? sustained : NOT_AT_SCALE + " (" + sustained + " at this scale)"));

    double slope = num(r, "lag.slopeSecondHalfPerSecond");
    String lagVerdict = slope <= Math.max(1, offered * 0.01) ? MET : MISSED;
    targets.add(
        target(
            "no growing consumer lag under that load",
            String.format(
                Locale.ROOT,
                "trend %+.1f records/s over the window's second half; max %,d; %,d at its end",
                slope,
                (long) num(r, "lag.maxTotal"),
                (long) num(r, "lag.totalAtWindowEnd")),
            atScale ? lagVerdict : NOT_AT_SCALE + " (" + lagVerdict + " at this scale)"));

    double p99 = num(r, "endToEnd.acceptedToTrackedMs.p99");
    long count = (long) num(r, "endToEnd.acceptedToTrackedMs.count");
    String e2eVerdict = count > 0 && p99 <= E2E_P99_TARGET_MS ? MET : MISSED;
    targets.add(
        target(
            "end-to-end p99 <= 2 s (accepted -> visible in the tracker)",
            count == 0
                ? "no sample"
                : String.format(Locale.ROOT, "p99 %s ms over %,d bottlenecks", fig(p99), count),
            atScale ? e2eVerdict : NOT_AT_SCALE + " (" + e2eVerdict + " at this scale)"));

    Map<String, Object> ready = map(r, "readyMs.oneAtATime");
    String readyMode = "one at a time";
    if (ready == null) {
      ready = map(r, "readyMs.together");
      readyMode = "four together";
    }
    for (String service : FleetBench.SERVICES) {
      double ms = ready == null ? -1 : num(ready, service);
      targets.add(
          target(
              service + " ready <= 1.5 s after start",
              String.format(Locale.ROOT, "%,.0f ms (%s)", ms, readyMode),
              ms >= 0 && ms <= READY_TARGET_MS ? MET : MISSED));
    }
    for (String service : FleetBench.SERVICES) {
      double rss = num(r, "processes." + service + ".rssMbMax");
      String rssVerdict = rss > 0 && rss <= RSS_TARGET_MB ? MET : MISSED;
      targets.add(
          target(
              service + " RSS <= 200 MB under that load",
              String.format(Locale.ROOT, "%.0f MB (largest sample in the fleet window)", rss),
              atScale ? rssVerdict : NOT_AT_SCALE + " (" + rssVerdict + " at this scale)"));
    }
    return targets;
  }

  /** What each service runs with beyond the options all share: "; the analyzer adds `-Xmx512m`". */
  static String ownJvm(FleetOptions options) {
    StringBuilder own = new StringBuilder();
    for (String name : FleetBench.SERVICES) {
      List<String> jvm = FleetBench.jvmOf(options, name);
      List<String> added =
          jvm.subList(options.serviceJvm().size(), jvm.size()).stream()
              .filter(o -> !o.equals(FleetBench.JFR_MODULE))
              .toList();
      if (!added.isEmpty()) {
        own.append("; the ").append(name).append(" adds `").append(String.join(" ", added));
        own.append('`');
      }
    }
    return own.toString();
  }

  private static Map<String, Object> target(String name, String measured, String verdict) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", name);
    t.put("measured", measured);
    t.put("verdict", verdict);
    return t;
  }

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r, FleetOptions options) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "# Hotpath fleet bench: preset %s, %s%n%n",
            options.preset(),
            r.get("time")));
    md.append(
        String.format(
            Locale.ROOT,
            "Machine: %s cores, Java %s, %s; load average %s before, %s after.%n",
            map(r, "machine").get("cores"),
            map(r, "machine").get("java"),
            map(r, "machine").get("os"),
            map(r, "machine").get("loadAverageBefore"),
            map(r, "machine").get("loadAverageAfter")));
    md.append(
        String.format(
            Locale.ROOT,
            "Fleet: %,d services x %d instances, each sending a report every %d ms: %s reports/s"
                + " offered for %s s after %s s of warm-up (open loop, at most %d requests in"
                + " flight over %d HTTP clients). Services run with `%s`%s on `%s`; from an AOT"
                + " cache: %s.%n%n",
            options.services(),
            options.instances(),
            options.interval().toMillis(),
            fig(options.reportsPerSecond()),
            num(r, "fleet.durationSeconds"),
            num(r, "fleet.warmupSeconds"),
            options.inFlight(),
            options.clients(),
            String.join(" ", options.serviceJvm()),
            ownJvm(options),
            options.serviceJava(),
            aotCached(r)));

    md.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) r.get("targets")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s |%n",
              t.get("target"),
              t.get("measured"),
              t.get("verdict")));
    }

    md.append("\n## Ingest at the collector\n\n");
    md.append(
        "| phase | offered reports/s | accepted | accepted reports/s | MB/s | 4xx | 503 | other"
            + " 5xx | no answer | due, never sent | latency from due time p50 / p99 / max ms |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String phase : List.of("fleetIngest", "ceiling.collector")) {
      Map<String, Object> p = map(r, phase);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %s | %.2f | %,d | %,d | %,d | %,d | %,d | %s / %s / %s |%n",
              phase.equals("fleetIngest") ? "fleet (open loop)" : "ceiling (closed loop)",
              p.containsKey("offeredPerSecond")
                  ? fig(num(p, "offeredPerSecond"))
                  : "as fast as answered",
              (long) num(p, "accepted"),
              fig(num(p, "acceptedPerSecond")),
              num(p, "acceptedMegabytesPerSecond"),
              (long) num(p, "status4xx"),
              (long) num(p, "status503"),
              (long) num(p, "status5xxOther"),
              (long) num(p, "failed"),
              (long) num(p, "dueButNotSent"),
              fig(num(p, "latencyMs.p50")),
              fig(num(p, "latencyMs.p99")),
              fig(num(p, "latencyMs.max"))));
    }
    for (String phase : List.of("fleetIngest", "ceiling.collector")) {
      Object error = map(r, phase).get("firstError");
      if (error != null) {
        md.append(String.format(Locale.ROOT, "%nFirst refusal (%s): `%s`%n", phase, error));
      }
    }

    md.append("\n## End to end (first N+1 of each service)\n\n");
    md.append(
        "| span | samples | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
    for (String[] row :
        List.of(
            new String[] {
              "accepted by the collector -> visible in the tracker's API", "acceptedToTrackedMs"
            },
            new String[] {
              "accepted by the collector -> published by the analyzer", "acceptedToAnalyzerMs"
            },
            new String[] {
              "accepted by the collector -> the tracker's status change sent",
              "acceptedToStatusChangeMs"
            })) {
      Map<String, Object> h = map(r, "endToEnd." + row[1]);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %s | %s |%n",
              row[0],
              (long) num(h, "count"),
              fig(num(h, "p50")),
              fig(num(h, "p95")),
              fig(num(h, "p99")),
              fig(num(h, "max"))));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%n%,d services showed their N+1; the analyzer published %,d of them and the tracker"
                + " showed %,d before the drain ended (%.1f s after the window).%n",
            (long) num(r, "endToEnd.expected"),
            (long) num(r, "endToEnd.analyzed"),
            (long) num(r, "endToEnd.measured"),
            num(r, "drainSeconds")));
    if (r.get("warmUpEndToEnd") != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "In the warm-up %,d services showed an N+1 of their own (not in the figures above) and"
                  + " the tracker showed %,d by its end, p99 %s ms.%n",
              (long) num(r, "warmUpEndToEnd.expected"),
              (long) num(r, "warmUpEndToEnd.measured"),
              fig(num(r, "warmUpEndToEnd.acceptedToTrackedMs.p99"))));
    }

    rates(
        md,
        "Records written per topic in the fleet window",
        "| topic | records/s |",
        map(r, "lag.writtenPerSecond"));
    md.append(
        "\n## Consumer lag in the fleet window (records)\n\n| group topic | max |\n|---|---:|\n");
    map(r, "lag.maxPerGroupTopic")
        .forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %,d |%n", k, (Number) v)));
    md.append(
        String.format(
            Locale.ROOT,
            "%nTotal: max %,d, %,d at the window's end, trend %+.1f records/s over its second half;"
                + " every group back to 0 after %.1f s of drain (or the drain timed out).%n",
            (long) num(r, "lag.maxTotal"),
            (long) num(r, "lag.totalAtWindowEnd"),
            num(r, "lag.slopeSecondHalfPerSecond"),
            num(r, "drainSeconds")));

    rates(
        md,
        "PostgreSQL in the fleet window (the tracker's)",
        "| counter | per second |",
        map(r, "databasePerSecond"));

    md.append("\n## Processes\n\n");
    md.append(
        "| process | ready alone ms | ready together ms | CPU cores avg / max (fleet window) |"
            + " of which JIT compiler / VM thread | CPU ms per accepted report (fleet window) |"
            + " CPU cores avg (ceiling) | CPU ms per report (ceiling) | RSS max MB (fleet window) |"
            + " RSS max MB (whole run) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    map(r, "processes")
        .forEach(
            (name, value) -> {
              Map<String, Object> p = (Map<String, Object>) value;
              md.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %s | %s | %.2f / %.2f | %s | %.2f | %.2f | %.2f | %.0f | %.0f |%n",
                      name,
                      readyCell(r, "readyMs.oneAtATime", name),
                      readyCell(r, "readyMs.together", name),
                      num(p, "cpuCoresAverage"),
                      num(p, "cpuCoresMax"),
                      name.equals("postgresql")
                          ? ""
                          : String.format(
                              Locale.ROOT,
                              "%.2f / %.2f",
                              num(p, "jitCoresAverage"),
                              num(p, "vmThreadCoresAverage")),
                      num(p, "cpuMsPerAcceptedReport"),
                      num(p, "ceilingCpuCoresAverage"),
                      num(p, "ceilingCpuMsPerReport"),
                      num(p, "rssMbMax"),
                      num(p, "rssMbMaxWholeRun")));
            });

    md.append("\n## Ceiling (same broker, same run)\n\n");
    md.append("| side | records/s | MB/s | Hotpath / raw |\n|---|---:|---:|---:|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| raw producer (acks=all, idempotent, lz4; the collector's events, avg %s) | %s | %.2f"
                + " | |%n",
            ParseBench.size((long) num(r, "ceiling.averageEventBytes")),
            fig(num(r, "ceiling.rawProducer.recordsPerSecond")),
            num(r, "ceiling.rawProducer.megabytesPerSecond")));
    md.append(
        String.format(
            Locale.ROOT,
            "| collector, consumers paused (reports/s; MB/s of request bodies) | %s | %.2f | %.0f"
                + " %% |%n",
            fig(num(r, "ceiling.collector.acceptedPerSecond")),
            num(r, "ceiling.collector.acceptedMegabytesPerSecond"),
            num(r, "ceiling.collectorToRawProducer") * 100));
    md.append(
        String.format(
            Locale.ROOT,
            "| raw consumer (the raw producer's records, from the beginning) | %s | %.2f | |%n",
            fig(num(r, "ceiling.rawConsumer.recordsPerSecond")),
            num(r, "ceiling.rawConsumer.megabytesPerSecond")));
    md.append(
        String.format(
            Locale.ROOT,
            "| analyzer through the ceiling's backlog (%,d of %,d records) | %s | | %.1f %% |%n",
            (long) num(r, "ceiling.analyzerBacklog.read"),
            (long) num(r, "ceiling.analyzerBacklog.backlog"),
            (atLeast(r, "ceiling.analyzerBacklog") ? "at least " : "")
                + fig(num(r, "ceiling.analyzerBacklog.recordsPerSecond")),
            num(r, "ceiling.analyzerToRawConsumer") * 100));
    Object jfr = r.get("jfr");
    if (jfr instanceof Map<?, ?> files && !files.isEmpty()) {
      md.append("\n## Profiles\n\n");
      files.forEach(
          (k, v) -> md.append(String.format(Locale.ROOT, "- %s: hottest methods in `%s`%n", k, v)));
    }
    md.append("\nThroughput, end-to-end latency and lag over time: `throughput-latency.png`.\n");
    return md.toString();
  }

  private static String readyCell(Map<String, Object> r, String path, String name) {
    Map<String, Object> ready = map(r, path);
    return ready == null || !ready.containsKey(name) ? "" : fig(num(ready, name));
  }

  /** A figure with sensible precision: 1,234 or 12.3 or 0.12. */
  static String fig(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double abs = Math.abs(value);
    return abs >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : abs >= 10
            ? String.format(Locale.ROOT, "%.1f", value)
            : String.format(Locale.ROOT, "%.2f", value);
  }

  /** The services started from an AOT cache, as the results list them. */
  private static String aotCached(Map<String, Object> r) {
    Object fleet = r.get("fleet");
    Object cached = fleet instanceof Map<?, ?> f ? f.get("aotCache") : null;
    return cached instanceof List<?> l && !l.isEmpty() ? l.toString() : "none";
  }

  /** Whether the figure at a dotted path is a lower bound ({@code atLeast} beside it). */
  private static boolean atLeast(Map<String, Object> r, String path) {
    Map<String, Object> node = map(r, path);
    return node != null && Boolean.TRUE.equals(node.get("atLeast"));
  }

  /** A section of name -> rate rows, left out when there is nothing to show. */
  private static void rates(
      StringBuilder md, String title, String header, Map<String, Object> rates) {
    if (rates == null || rates.isEmpty()) {
      return;
    }
    md.append("\n## ").append(title).append("\n\n").append(header).append("\n|---|---:|\n");
    rates.forEach(
        (k, v) ->
            md.append(
                String.format(Locale.ROOT, "| %s | %,.1f |%n", k, ((Number) v).doubleValue())));
  }

  /** A number at a dotted path; NaN where there is none. */
  static double num(Map<String, Object> r, String path) {
    int dot = path.lastIndexOf('.');
    Map<String, Object> parent = dot < 0 ? r : map(r, path.substring(0, dot));
    Object value = parent == null ? null : parent.get(path.substring(dot + 1));
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> r, String path) {
    Object node = r;
    for (String key : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) {
        return null;
      }
      node = m.get(key);
    }
    return node instanceof Map<?, ?> ? (Map<String, Object>) node : null;
  }
}
