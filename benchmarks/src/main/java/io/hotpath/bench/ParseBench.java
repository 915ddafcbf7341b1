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
 * Runs {@link ParseBenchmarks} with JMH's command-line options and adds what JMH does not print:
 * MB/s and items/s per format, as a Markdown table and JSON in the results folder.
 *
 * <pre>
 * java -jar benchmarks/target/hotpath-benchmarks-*.jar parse [--out DIR] [JMH options]
 * </pre>
 */
public final class ParseBench {
  private ParseBench() {}

  /** One benchmark's figures. */
  public record Row(
      String benchmark,
      String payload,
      long payloadBytes,
      long itemsPerOp,
      String itemUnit,
      double opsPerSecond,
      double opsError,
      double bestIterationOpsPerSecond,
      double megabytesPerSecond,
      double itemsPerSecond) {}

  public static void main(String[] args) throws RunnerException, IOException {
    JmhRun.main(args, ParseBenchmarks.class, "parse", ParseBench::rows, ParseBench::markdown);
  }

  static List<Row> rows(Collection<RunResult> results) {
    Map<String, Payloads.Payload> described = describe();
    List<Row> rows = new ArrayList<>();
    for (RunResult run : results) {
      String label = run.getParams().getBenchmark();
      String method = label.substring(label.lastIndexOf('.') + 1);
      Result<?> primary = run.getPrimaryResult();
      double ops = primary.getScore();
      Map<String, Result> secondary = run.getSecondaryResults();
      double bytesPerSecond = score(secondary.get("bytes"));
      double itemsPerSecond = score(secondary.get("items"));
      Payloads.Payload payload = described.get(method);
      rows.add(
          new Row(
              method,
              payload == null ? method : payload.name(),
              ops > 0 ? Math.round(bytesPerSecond / ops) : 0,
              ops > 0 ? Math.round(itemsPerSecond / ops) : 0,
              payload == null ? "items" : payload.itemUnit(),
              ops,
              primary.getScoreError(),
              primary.getStatistics().getMax(),
              bytesPerSecond / 1e6,
              itemsPerSecond));
    }
    // In the order of the table in the README, not JMH's alphabetical one.
    List<String> order = new ArrayList<>(described.keySet());
    rows.sort(
        Comparator.comparingInt(
            row ->
                order.contains(row.benchmark()) ? order.indexOf(row.benchmark()) : order.size()));
    return rows;
  }

  private static double score(Result<?> result) {
    return result == null ? 0 : result.getScore();
  }

  /** Names and item units per benchmark (sizes come from the counters of the run itself). */
  private static Map<String, Payloads.Payload> describe() {
    Map<String, Payloads.Payload> names = new LinkedHashMap<>();
    names.put("otlpTracesProtobuf", named("OTLP traces, protobuf (512 spans)", "spans"));
    names.put("otlpTracesJson", named("OTLP traces, JSON (512 spans)", "spans"));
    names.put("otlpMetricsProtobuf", named("OTLP metrics, protobuf", "data points"));
    names.put("otlpMetricsJson", named("OTLP metrics, JSON", "data points"));
    names.put("pyroscopeFolded", named("Pyroscope folded (2,000 stacks)", "stacks"));
    names.put("pyroscopePprofGzip", named("Pyroscope pprof, gzip (2,000 stacks)", "stacks"));
    names.put("pyroscopeJfr", named("Pyroscope JFR (2 s recording)", "events"));
    names.put("startupReportJson", named("Startup report, JSON (8 phases)", "reports"));
    names.put("fleetTraces", named("Fleet OTLP traces, protobuf", "exports"));
    names.put("fleetMetrics", named("Fleet OTLP metrics, protobuf", "exports"));
    names.put("fleetFolded", named("Fleet Pyroscope folded (150 stacks)", "profiles"));
    names.put("fleetPprof", named("Fleet Pyroscope pprof, gzip (150 stacks)", "profiles"));
    names.put("readFleetTraces", named("Fleet traces event, read as the analyzer does", "events"));
    names.put(
        "readFleetMetrics", named("Fleet metrics event, read as the analyzer does", "events"));
    names.put(
        "readFleetProfile", named("Fleet profile event, read as the analyzer does", "events"));
    return names;
  }

  private static Payloads.Payload named(String name, String unit) {
    return new Payloads.Payload(name, new byte[0], 0, unit);
  }

  static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| format | body | items per body | bodies/s (mean ± 99.9 %) | best iteration bodies/s"
            + " | MB/s | items/s |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d %s | %s ± %s | %s | %.1f | %s |%n",
              row.payload(),
              size(row.payloadBytes()),
              row.itemsPerOp(),
              row.itemsPerOp() == 1 ? row.itemUnit().replaceAll("s$", "") : row.itemUnit(),
              figure(row.opsPerSecond()),
              figure(row.opsError()),
              figure(row.bestIterationOpsPerSecond()),
              row.megabytesPerSecond(),
              figure(row.itemsPerSecond())));
    }
    return md.toString();
  }

  static String size(long bytes) {
    if (bytes >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
    if (bytes >= 1_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    return bytes + " B";
  }

  /** Three significant digits, grouped: 1,234,000 / 12,300 / 45.6. */
  static String figure(double value) {
    if (value >= 100) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(value)) - 2);
      return String.format(
          Locale.ROOT, "%,d", Math.round(Math.round(value / magnitude) * magnitude));
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }
}
