package io.hotpath.bench;

import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code parse}, {@code ingest}, {@code detect}, {@code consume},
 * {@code jfr-top}, {@code fleet} or {@code footprint}.
 */
public final class Bench {
  private Bench() {}

  /**
   * Names JBoss LogManager (the collector's dependencies bring it) before anything logs, or it
   * complains that java.util.logging was used first (local-stack quiets Kafka through JUL); and
   * holds its root to INFO. Unconfigured, its root takes every level: the JDK's HTTP client then
   * formats a debug line per step of every request, and the Kafka clients theirs, a tenth of the
   * load generator's CPU, all thrown away.
   */
  static void quietLogging() {
    System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
  }

  public static void main(String[] args) throws Exception {
    quietLogging();
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "parse" -> ParseBench.main(rest);
      case "ingest" -> IngestPathBench.main(rest);
      case "detect" -> DetectorBench.main(rest);
      case "consume" -> ConsumeBench.main(rest);
      case "jfr-top" -> JfrTop.main(rest);
      case "fleet" -> FleetBench.main(rest);
      case "footprint" -> AnalyzerFootprint.main(rest);
      case "track" -> TrackBench.main(rest);
      default -> {
        System.err.println(
            """
            usage: java -jar benchmarks/target/hotpath-benchmarks-0.1.0-SNAPSHOT.jar COMMAND ...
              parse   [--out DIR] [JMH options]   parse + normalize throughput per format (JMH)
              ingest  [--duration S] [--warmup S] [--concurrency N] [--kinds traces,profiles,startup]
                      [--out DIR] [--collector-jvm "-Xmx512m"] [--collector-jfr]
                                                  the collector's whole ingest path vs a raw producer
              detect  [--out DIR] [JMH options]   each analyzer detector's throughput (JMH)
              consume [--events N] [--kinds traces,metrics,profiles] [--out DIR]
                      [--analyzer-jvm "-Xmx512m"] [--analyzer-jfr]
                                                  the analyzer's consumption vs a raw consumer
              footprint [--services N] [--instances M] [--ticks T] [--traces K]
                                                  the analyzer's detectors: heap retained for
                                                  a fleet, CPU per record
              jfr-top FILE.jfr [N]                the N hottest methods of a JFR recording
              track   [--events 2000] [--repeats 2000] [--metrics 2000] [--profiles 2000]
                      [--out DIR] [--tracker-jar PATH] [--tracker-jvm "OPTS"] [--warmup N] [--jfr]
                                                  the tracker through a backlog of first
                                                  sightings and telemetry vs a raw consumer
              fleet   [--preset smoke|default|large] [--services N] [--instances M] ...
                                                  the whole of Hotpath under a simulated fleet
                                                  (bin/hotpath bench; fleet --help for options)
            Run from the repository root (paths default to benchmarks/target/results and
            collector-service/ and analyzer-service/target/quarkus-app/quarkus-run.jar).""");
        System.exit(command.isEmpty() ? 0 : 2);
      }
    }
  }
}
