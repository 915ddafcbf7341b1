package io.hotpath.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link DetectorBenchmarks} with JMH's command-line options and prints (and writes to {@code
 * detect.md} and {@code detect.json} in the results folder) events/s and items/s per detector.
 *
 * <pre>
 * java -jar benchmarks/target/hotpath-benchmarks-*.jar detect [--out DIR] [JMH options]
 * </pre>
 */
public final class DetectorBench {
  private DetectorBench() {}

  /** One detector's figures. */
  public record Row(
      String benchmark,
      String detector,
      String input,
      long itemsPerEvent,
      String itemUnit,
      double eventsPerSecond,
      double eventsError,
      double bestIterationEventsPerSecond,
      double itemsPerSecond) {}

  record Described(String detector, String input, String itemUnit) {}

  public static void main(String[] args) throws RunnerException, IOException {
    JmhRun.main(
        args, DetectorBenchmarks.class, "detect", DetectorBench::rows, DetectorBench::markdown);
  }

  static Map<String, Described> described() {
    String spans = "span batch (8 requests, 128 spans)";
    String metrics = "JVM metric batch (22 points)";
    Map<String, Described> d = new LinkedHashMap<>();
    d.put("nPlusOne", new Described("N_PLUS_ONE", spans, "spans"));
    d.put("sequentialQueries", new Described("SEQUENTIAL_QUERIES", spans, "spans"));
    d.put("slowQuery", new Described("SLOW_QUERY", spans, "spans"));
    d.put(
        "endpoint", new Described("SLOW_ENDPOINT / ERROR_RATE / TIMEOUTS (spans)", spans, "spans"));
    d.put("regression", new Described("REGRESSION (spans)", spans, "spans"));
    d.put("cpuHotspot", new Described("CPU_HOTSPOT", "CPU profile (2,000 stacks)", "stacks"));
    d.put(
        "lockContention",
        new Described("LOCK_CONTENTION", "lock profile (2,000 stacks)", "stacks"));
    d.put("memoryLeak", new Described("MEMORY_LEAK", metrics, "points"));
    d.put("cacheMissRate", new Described("CACHE_MISS_RATE", metrics, "points"));
    d.put("dbPoolSaturation", new Described("DB_POOL_SATURATION", metrics, "points"));
    d.put("endpointHistogram", new Described("SLOW_ENDPOINT (histograms)", metrics, "points"));
    d.put(
        "allSpanDetectors",
        new Described("JSON + input check + all 5 span detectors", spans, "spans"));
    return d;
  }

  static List<Row> rows(Collection<RunResult> results) {
    Map<String, Described> described = described();
    List<Row> rows = new ArrayList<>();
    for (RunResult run : results) {
      String label = run.getParams().getBenchmark();
      String method = label.substring(label.lastIndexOf('.') + 1);
      Result<?> primary = run.getPrimaryResult();
      double ops = primary.getScore();
      Result<?> items = run.getSecondaryResults().get("items");
      double itemsPerSecond = items == null ? 0 : items.getScore();
      Described d = described.getOrDefault(method, new Described(method, method, "items"));
      rows.add(
          new Row(
              method,
              d.detector(),
              d.input(),
              ops > 0 ? Math.round(itemsPerSecond / ops) : 0,
              d.itemUnit(),
              ops,
              primary.getScoreError(),
              primary.getStatistics().getMax(),
              itemsPerSecond));
    }
    List<String> order = new ArrayList<>(described.keySet());
    rows.sort(
        Comparator.comparingInt(
            row ->
                order.contains(row.benchmark()) ? order.indexOf(row.benchmark()) : order.size()));
    return rows;
  }

  static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| detector (benchmark) | event | events/s (mean ± 99.9 %) | best iteration events/s"
            + " | items/s |\n");
    md.append("|---|---|---:|---:|---:|\n");
    for (Row row : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s (`%s`) | %s | %s ± %s | %s | %s %s |%n",
              row.detector(),
              row.benchmark(),
              row.input(),
              ParseBench.figure(row.eventsPerSecond()),
              ParseBench.figure(row.eventsError()),
              ParseBench.figure(row.bestIterationEventsPerSecond()),
              ParseBench.figure(row.itemsPerSecond()),
              row.itemUnit()));
    }
    return md.toString();
  }
}
