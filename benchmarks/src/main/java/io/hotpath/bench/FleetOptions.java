package io.hotpath.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The fleet bench's command line: a preset, then any option overriding it.
 *
 * @param services simulated services (N)
 * @param instances instances of each service (M)
 * @param interval how often each instance sends a report
 * @param warmup open-loop fleet traffic before the window, not measured: JIT compilation,
 *     connection pools and consumer group joins settle
 * @param duration the open-loop fleet window
 * @param ceiling each ceiling window (Hotpath at full speed, raw producer)
 * @param drain the longest wait after the fleet window for lag 0 and the last end-to-end samples
 * @param startMode how the services' cold start is measured
 * @param inFlight the most requests in flight at once (the bounded client pool)
 * @param clients HTTP clients (each its own connection pool) sharing {@code inFlight}
 * @param serviceJava the {@code java} that runs the services (this JVM's by default)
 * @param aotDir where the services' JDK AOT caches are kept (JDK 25+), trained when missing or
 *     stale; null to start the services without one
 */
public record FleetOptions(
    String preset,
    int services,
    int instances,
    Duration interval,
    Duration warmup,
    Duration duration,
    Duration ceiling,
    Duration drain,
    StartMode startMode,
    int inFlight,
    int clients,
    Path out,
    Path root,
    List<String> serviceJvm,
    Map<String, List<String>> serviceJvmOf,
    boolean jfr,
    Path serviceJava,
    Path aotDir) {

  /** How the services are started for the cold-start figures. */
  public enum StartMode {
    /** One at a time, each alone on the machine; kept running for the load. */
    ONE_AT_A_TIME,
    /** All four at once, as {@code bin/hotpath up} does; kept running for the load. */
    TOGETHER,
    /** One at a time, stopped, then all four at once (kept running). */
    BOTH
  }

  static final List<String> PRESETS = List.of("smoke", "default", "full", "large");

  /** The options that take a value. */
  private static final List<String> VALUED =
      List.of(
          "--preset",
          "--services",
          "--instances",
          "--interval",
          "--warmup",
          "--duration",
          "--ceiling",
          "--drain",
          "--start",
          "--in-flight",
          "--clients",
          "--out",
          "--root",
          "--service-jvm",
          "--service-jvm-of",
          "--service-java",
          "--aot-dir");

  /** The JVM options {@code bin/hotpath up} gives every service. */
  static final List<String> SERVICE_JVM = List.of("-Xmx256m", "-Xms64m", "-XX:+UseSerialGC");

  /** The {@code java} of this JVM: the services' unless {@code --service-java} says. */
  static final Path THIS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  /** Added for some services to the default options, as {@code bin/hotpath} does. */
  static final Map<String, List<String>> SERVICE_JVM_ADDED =
      Map.of(
          "analyzer",
          List.of("-Xmx384m", "-XX:-UseSerialGC", "-XX:+UseG1GC"),
          "planner",
          List.of("-XX:TieredStopAtLevel=1"));

  public static final String USAGE =
      """
      usage: bin/hotpath bench [--preset smoke|default|full|large] [--services N] [--instances M]
                               [--interval D] [--warmup D] [--duration D] [--ceiling D]
                               [--drain D]
                               [--start one-at-a-time|together|both] [--in-flight N]
                               [--clients N] [--service-jvm "OPTS"]
                               [--service-jvm-of "SERVICE=OPTS"]... [--service-java PATH]
                               [--aot-dir DIR] [--jfr] [--out DIR]
        D is a duration: 500ms, 2s, 3m (a bare number is seconds).
        smoke    4 services x 2 instances every 1 s, 2 s warm-up + 6 s window, services
                 started together (CI)
        default  1,000 services x 2 instances every 2 s (1,000 reports/s), services started
                 together, 10 s warm-up + 60 s, ceilings of 5 s: about 2 minutes
        full     the default fleet, each service also started alone, 180 s warm-up (until
                 the JIT compilers settled) + 75 s
        large    5,000 services x 2 instances every 5 s (2,000 reports/s), 30 s warm-up + 300 s""";

  /** The rate the fleet offers: every instance once per interval. */
  public double reportsPerSecond() {
    return (double) services * instances * 1e9 / interval.toNanos();
  }

  public static FleetOptions parse(String... args) {
    String preset = "default";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--preset")) {
        preset = value(args, ++i, "--preset");
      }
    }
    FleetOptions o = preset(preset);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (arg.equals("--jfr")) {
        o = o.with(b -> b.jfr = true);
        continue;
      }
      if (!VALUED.contains(arg)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      String v = value(args, ++i, arg);
      o =
          switch (arg) {
            case "--preset" -> o;
            case "--services" -> o.with(b -> b.services = positive(v, arg));
            case "--instances" -> o.with(b -> b.instances = positive(v, arg));
            case "--interval" -> o.with(b -> b.interval = duration(v, arg));
            case "--warmup" -> o.with(b -> b.warmup = duration(v, arg));
            case "--duration" -> o.with(b -> b.duration = duration(v, arg));
            case "--ceiling" -> o.with(b -> b.ceiling = duration(v, arg));
            case "--drain" -> o.with(b -> b.drain = duration(v, arg));
            case "--start" -> o.with(b -> b.startMode = startMode(v));
            case "--in-flight" -> o.with(b -> b.inFlight = positive(v, arg));
            case "--clients" -> o.with(b -> b.clients = positive(v, arg));
            case "--out" -> o.with(b -> b.out = Path.of(v));
            case "--root" -> o.with(b -> b.root = Path.of(v));
            case "--service-jvm" -> o.with(b -> b.serviceJvm = List.of(v.trim().split("\\s+")));
            case "--service-jvm-of" -> o.with(b -> b.serviceJvmOf = withJvmOf(b.serviceJvmOf, v));
            case "--service-java" -> o.with(b -> b.serviceJava = Path.of(v));
            case "--aot-dir" -> o.with(b -> b.aotDir = Path.of(v));
            default -> throw new IllegalArgumentException("unknown option " + arg);
          };
    }
    return o;
  }

  static FleetOptions preset(String name) {
    Path out =
        Path.of(
            "target",
            "bench",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    return switch (name) {
      case "smoke" ->
          new FleetOptions(
              name,
              4,
              2,
              Duration.ofSeconds(1),
              Duration.ofSeconds(2),
              Duration.ofSeconds(6),
              Duration.ofSeconds(2),
              // Only waited for when the pipeline is slow; generous so a busy CI machine still
              // ends with end-to-end samples.
              Duration.ofSeconds(45),
              StartMode.TOGETHER,
              16,
              2,
              out,
              Path.of("."),
              SERVICE_JVM,
              Map.of(),
              false,
              THIS_JAVA,
              null);
      case "default" ->
          // About 2 minutes on 2 cores: the services start together (the bin/hotpath up figure),
          // short ceiling windows, and a drain bounded so a pipeline that fell behind does not
          // hold the run (what it never caught up with is in the report as such).
          new FleetOptions(
              name,
              1_000,
              2,
              Duration.ofSeconds(2),
              Duration.ofSeconds(10),
              Duration.ofSeconds(60),
              Duration.ofSeconds(5),
              Duration.ofSeconds(20),
              StartMode.TOGETHER,
              64,
              4,
              out,
              Path.of("."),
              SERVICE_JVM,
              Map.of(),
              false,
              THIS_JAVA,
              null);
      case "full" ->
          // Warm services: the services' JIT compilers took 0.05-0.10 cores each for about three
          // minutes after the start (run AH); the window begins once they settled.
          new FleetOptions(
              name,
              1_000,
              2,
              Duration.ofSeconds(2),
              Duration.ofSeconds(180),
              Duration.ofSeconds(75),
              Duration.ofSeconds(10),
              Duration.ofSeconds(60),
              StartMode.BOTH,
              64,
              4,
              out,
              Path.of("."),
              SERVICE_JVM,
              Map.of(),
              false,
              THIS_JAVA,
              null);
      case "large" ->
          new FleetOptions(
              name,
              5_000,
              2,
              Duration.ofSeconds(5),
              Duration.ofSeconds(30),
              Duration.ofSeconds(300),
              Duration.ofSeconds(20),
              Duration.ofSeconds(120),
              StartMode.BOTH,
              128,
              4,
              out,
              Path.of("."),
              SERVICE_JVM,
              Map.of(),
              false,
              THIS_JAVA,
              null);
      default ->
          throw new IllegalArgumentException("unknown preset " + name + ", not one of " + PRESETS);
    };
  }

  /** A duration: {@code 500ms}, {@code 2s}, {@code 3m}, or a bare number of seconds. */
  static Duration duration(String text, String option) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1e3));
      } else if (t.endsWith("m")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      } else {
        d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1e3));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, got " + text);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " needs a duration such as 500ms, 2s or 3m, got " + text);
    }
  }

  /**
   * {@code given} with the options of {@code SERVICE=OPTS} added for that service, after any it
   * had: a later {@code -Xmx} wins over an earlier one.
   */
  private static Map<String, List<String>> withJvmOf(Map<String, List<String>> given, String text) {
    int eq = text.indexOf('=');
    String name = eq < 0 ? "" : text.substring(0, eq).trim();
    String opts = eq < 0 ? "" : text.substring(eq + 1).trim();
    if (!FleetBench.SERVICES.contains(name) || opts.isEmpty()) {
      throw new IllegalArgumentException(
          "--service-jvm-of needs SERVICE=OPTS with SERVICE one of "
              + FleetBench.SERVICES
              + ", got "
              + text);
    }
    Map<String, List<String>> all = new TreeMap<>(given);
    List<String> jvm = new ArrayList<>(all.getOrDefault(name, List.of()));
    jvm.addAll(List.of(opts.split("\\s+")));
    all.put(name, List.copyOf(jvm));
    return Collections.unmodifiableMap(all);
  }

  private static StartMode startMode(String text) {
    return switch (text) {
      case "one-at-a-time" -> StartMode.ONE_AT_A_TIME;
      case "together" -> StartMode.TOGETHER;
      case "both" -> StartMode.BOTH;
      default ->
          throw new IllegalArgumentException(
              "--start needs one-at-a-time, together or both, got " + text);
    };
  }

  private static int positive(String text, String option) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive number, got " + text);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private FleetOptions with(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy, to change one field of the record. */
  private static final class Builder {
    String preset;
    int services;
    int instances;
    Duration interval;
    Duration warmup;
    Duration duration;
    Duration ceiling;
    Duration drain;
    StartMode startMode;
    int inFlight;
    int clients;
    Path out;
    Path root;
    List<String> serviceJvm;
    Map<String, List<String>> serviceJvmOf;
    boolean jfr;
    Path serviceJava;
    Path aotDir;

    Builder(FleetOptions o) {
      preset = o.preset;
      services = o.services;
      instances = o.instances;
      interval = o.interval;
      warmup = o.warmup;
      duration = o.duration;
      ceiling = o.ceiling;
      drain = o.drain;
      startMode = o.startMode;
      inFlight = o.inFlight;
      clients = o.clients;
      out = o.out;
      root = o.root;
      serviceJvm = o.serviceJvm;
      serviceJvmOf = o.serviceJvmOf;
      jfr = o.jfr;
      serviceJava = o.serviceJava;
      aotDir = o.aotDir;
    }

    FleetOptions build() {
      return new FleetOptions(
          preset,
          services,
          instances,
          interval,
          warmup,
          duration,
          ceiling,
          drain,
          startMode,
          inFlight,
          clients,
          out,
          root,
          serviceJvm,
          serviceJvmOf,
          jfr,
          serviceJava,
          aotDir);
    }
  }
}
