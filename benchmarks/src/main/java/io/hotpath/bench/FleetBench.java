package io.hotpath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotpath.contracts.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * {@code bin/hotpath bench}: the whole of Hotpath under a simulated fleet, on this machine. Starts
 * the local stack and the four packaged services as their own processes (measuring each one's cold
 * start to ready), drives {@code services x instances} agents through the collector's real
 * endpoints at a fixed rate, and measures what the collector accepts, the end-to-end latency from
 * acceptance to the tracked bottleneck, consumer lag, and every process's CPU and memory; then, in
 * the same run, the ceiling: the collector flat out against a raw Kafka producer sending the same
 * events, and the analyzer's backlog rate against a raw consumer. Writes {@code results.json},
 * {@code results.md} and {@code throughput-latency.png} (see docs/performance.md).
 */
public final class FleetBench {
  static final String TOKEN = "hotpath-demo-token";
  static final String TENANT = "demo";
  static final List<String> SERVICES = List.of("collector", "analyzer", "planner", "tracker");
  static final List<String> CONSUMERS = List.of("analyzer", "planner", "tracker");

  static final List<String> TELEMETRY =
      List.of(Topics.TELEMETRY_TRACES, Topics.TELEMETRY_METRICS, Topics.TELEMETRY_PROFILES);

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    FleetOptions options;
    try {
      options = FleetOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.println(FleetOptions.USAGE);
      System.exit(2);
      return;
    }
    Path out = run(options);
    System.out.println();
    System.out.println(Files.readString(out.resolve("results.md")));
    System.out.println("written: " + out.toAbsolutePath());
  }

  /** Runs the whole bench; returns the results folder. */
  public static Path run(FleetOptions options) throws Exception {
    Path out = options.out();
    Files.createDirectories(out);
    for (String name : SERVICES) {
      if (!Files.isRegularFile(jar(options, name))) {
        throw new IllegalStateException(
            jar(options, name) + " is missing: package the services first (mvn package)");
      }
    }
    double loadBefore = loadAverage();
    long originNanos = System.nanoTime();
    long originMillis = System.currentTimeMillis();
    FleetProcesses processes = new FleetProcesses();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("time", Instant.ofEpochMilli(originMillis).toString());
    results.put("preset", options.preset());
    results.put("machine", machine(loadBefore));
    results.put("fleet", fleet(options));

    System.out.printf(
        Locale.ROOT,
        "fleet bench (%s): %,d services x %d instances every %d ms = %,.0f reports/s for %d s%n",
        options.preset(),
        options.services(),
        options.instances(),
        options.interval().toMillis(),
        options.reportsPerSecond(),
        options.duration().toSeconds());
    Map<String, PackagedService> running = new ConcurrentHashMap<>();
    List<AutoCloseable> started = new CopyOnWriteArrayList<>();
    // Ctrl-C or SIGTERM: the services and the stack are child processes that would outlive this
    // JVM otherwise.
    Thread cleanup =
        new Thread(
            () -> {
              running.values().parallelStream().forEach(PackagedService::close);
              started.forEach(
                  c -> {
                    try {
                      c.close();
                    } catch (Exception e) {
                      // stopping anyway
                    }
                  });
            },
            "fleet-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-sampler");
              t.setDaemon(true);
              return t;
            });
    try (FleetStack stack = FleetStack.start(options.root(), out)) {
      started.add(stack);
      System.out.println("local stack ready: Kafka " + stack.bootstrapServers());
      processes.watch("kafka", stack.pid());
      processes.watch("postgresql", FleetProcesses.postgres(stack.postgresPort()));
      processes.watch("bench", ProcessHandle.current().pid());
      sampler.scheduleAtFixedRate(
          () -> processes.sample(seconds(originNanos), System.nanoTime()), 0, 1, TimeUnit.SECONDS);

      FleetAot.trainMissing(options, stack);
      @SuppressWarnings("unchecked")
      Map<String, Object> fleetResults = (Map<String, Object>) results.get("fleet");
      fleetResults.put("aotCache", FleetAot.cached(options));
      Map<String, Map<String, Long>> ready = new LinkedHashMap<>();
      if (options.startMode() != FleetOptions.StartMode.TOGETHER) {
        Map<String, Long> alone = new LinkedHashMap<>();
        for (String name : SERVICES) {
          PackagedService service = start(options, stack, name, "alone", false);
          running.put(name, service);
          processes.watch(name, service.pid());
          alone.put(name, awaitReady(List.of(service)).get(name));
        }
        ready.put("oneAtATime", alone);
      }
      if (options.startMode() == FleetOptions.StartMode.BOTH) {
        stopAll(running);
      }
      if (options.startMode() != FleetOptions.StartMode.ONE_AT_A_TIME) {
        for (String name : SERVICES) {
          PackagedService service = start(options, stack, name, "together", options.jfr());
          running.put(name, service);
          processes.watch(name, service.pid());
        }
        ready.put("together", awaitReady(new ArrayList<>(running.values())));
      } else if (options.jfr()) {
        System.out.println("--jfr records only services started together; use --start both");
      }
      results.put("readyMs", ready);

      try (FleetLag lag = new FleetLag(stack.bootstrapServers());
          FleetEndToEnd endToEnd =
              new FleetEndToEnd(
                  stack.bootstrapServers(),
                  TENANT,
                  running.get("tracker").baseUrl(),
                  TOKEN,
                  FleetPayloads.NPlusOne.MEASURED);
          FleetLoad load =
              new FleetLoad(options, running.get("collector").baseUrl(), TOKEN, originNanos)) {
        sampler.scheduleAtFixedRate(
            () -> {
              try {
                lag.sample(seconds(originNanos));
              } catch (Exception e) {
                // the broker was busy; the next second samples again
              }
            },
            0,
            1,
            TimeUnit.SECONDS);

        System.out.printf(
            Locale.ROOT,
            "fleet: %d s warm-up, then %d s measured, open loop%n",
            options.warmup().toSeconds(),
            options.duration().toSeconds());
        double warmupFrom = seconds(originNanos);
        // The warm-up's services debut an N+1 of their own, timed as the window's are: the path
        // of a new bottleneck and the tracker's API then run warm in the window. Without it the
        // window was the first time they ran under load: the tracker's compiler deoptimized and
        // recompiled them there (495 deoptimizations in the minute the window's new bottlenecks
        // reached it, 5-8 a minute before).
        try (FleetEndToEnd warmUp =
            new FleetEndToEnd(
                stack.bootstrapServers(),
                TENANT,
                running.get("tracker").baseUrl(),
                TOKEN,
                FleetPayloads.NPlusOne.WARM_UP)) {
          load.run(
              "warm-up", options.warmup(), true, new FleetLoad.Debuts(warmUp, options.services()));
          results.put("warmUpEndToEnd", endToEnd(warmUp, originMillis));
          System.out.printf(
              Locale.ROOT,
              "  warm-up: %d of %d new N+1s visible in the tracker by its end%n",
              warmUp.measured(),
              warmUp.expected());
        }
        FleetDatabase database = new FleetDatabase(stack.env());
        double fleetFrom = seconds(originNanos);
        FleetDatabase.Snapshot databaseBefore = database.snapshot(fleetFrom);
        FleetLoad.Phase fleet =
            load.run(
                "fleet",
                options.duration(),
                true,
                new FleetLoad.Debuts(endToEnd, options.services()));
        double fleetTo = seconds(originNanos);
        FleetDatabase.Snapshot databaseAfter = database.snapshot(fleetTo);
        System.out.printf(
            Locale.ROOT,
            "  accepted %,d of %,d sent; draining (lag 0 and %d end-to-end samples)%n",
            fleet.accepted.get(),
            fleet.sent.get(),
            endToEnd.expected());
        double drained = drain(options, lag, endToEnd, originNanos);
        double drainedAt = seconds(originNanos);

        System.out.println("ceiling: raw producer with the collector's events");
        List<FleetCeiling.Event> events =
            FleetCeiling.collectorEvents(stack.bootstrapServers(), 500);
        FleetCeiling.Rate rawProducer =
            FleetCeiling.produce(
                stack.bootstrapServers(), events, options.inFlight(), options.ceiling());
        FleetCeiling.Rate rawConsumer = FleetCeiling.consume(stack.bootstrapServers());

        System.out.println("ceiling: the collector flat out, consumers paused (SIGSTOP)");
        double ceilingFrom = seconds(originNanos);
        FleetLoad.Phase ceiling;
        signal(running, CONSUMERS, "STOP");
        try {
          ceiling = load.run("ceiling", options.ceiling(), false, null);
        } finally {
          signal(running, CONSUMERS, "CONT");
        }
        double ceilingTo = seconds(originNanos);
        Map<String, Object> analyzerRate = analyzerBacklogRate(lag, options.drain());
        System.out.printf(
            Locale.ROOT,
            "  the analyzer read %s of its backlog of %s records%n",
            analyzerRate.get("read"),
            analyzerRate.get("backlog"));
        double endedAt = seconds(originNanos);

        results.put(
            "phases",
            Map.of(
                "warmup", List.of(round(warmupFrom), round(fleetFrom)),
                "fleet", List.of(round(fleetFrom), round(fleetTo)),
                "drainedAt", round(drainedAt),
                "ceiling", List.of(round(ceilingFrom), round(ceilingTo)),
                "end", round(endedAt)));
        results.put("fleetIngest", phase(fleet, options.reportsPerSecond()));
        results.put("endToEnd", endToEnd(endToEnd, originMillis));
        results.put("drainSeconds", round(drained));
        results.put("lag", lag(lag.samples(), fleetFrom, fleetTo));
        results.put("databasePerSecond", FleetDatabase.rates(databaseBefore, databaseAfter));
        results.put(
            "processes",
            processes(
                processes.samples(), fleetFrom, fleetTo, fleet, ceilingFrom, ceilingTo, ceiling));
        Map<String, Object> ceilingResults = new LinkedHashMap<>();
        ceilingResults.put("eventsSampled", events.size());
        ceilingResults.put(
            "averageEventBytes",
            events.stream().mapToLong(e -> e.value().length).average().orElse(0));
        ceilingResults.put("rawProducer", rate(rawProducer));
        ceilingResults.put("collector", phase(ceiling, 0));
        double collectorRate = ceiling.accepted.get() / ceiling.seconds();
        ceilingResults.put(
            "collectorToRawProducer",
            ratio(
                rawProducer.recordsPerSecond() > 0
                    ? collectorRate / rawProducer.recordsPerSecond()
                    : 0));
        ceilingResults.put("rawConsumer", rate(rawConsumer));
        ceilingResults.put("analyzerBacklog", analyzerRate);
        double analyzerPerSecond = ((Number) analyzerRate.get("recordsPerSecond")).doubleValue();
        ceilingResults.put(
            "analyzerToRawConsumer",
            ratio(
                rawConsumer.recordsPerSecond() > 0
                    ? analyzerPerSecond / rawConsumer.recordsPerSecond()
                    : 0));
        results.put("ceiling", ceilingResults);
        results.put(
            "series",
            series(load, lag.samples(), endToEnd, processes.samples(), originMillis, endedAt));
      }
    } finally {
      sampler.shutdownNow();
      stopAll(running);
      started.clear();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs
      }
    }
    if (options.jfr()) {
      Map<String, Object> jfr = new LinkedHashMap<>();
      for (String name : SERVICES) {
        Path recording = out.resolve(name + "-together.jfr");
        if (Files.isRegularFile(recording)) {
          String top = JfrTop.summary(recording, 25);
          Files.writeString(out.resolve(name + "-jfr-top.txt"), top);
          jfr.put(name, out.resolve(name + "-jfr-top.txt").toString());
        }
      }
      results.put("jfr", jfr);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) results.get("machine");
    machine.put("loadAverageAfter", loadAverage());
    results.put("targets", FleetReport.targets(results, options));
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("results.json").toFile(), results);
    Files.writeString(out.resolve("results.md"), FleetReport.markdown(results, options));
    FleetChart.write(results, out.resolve("throughput-latency.png"));
    return out;
  }

  /**
   * The JVM options of one service: the analyzer gets more heap and the planner only the C1
   * compiler unless the options were given, and each service what {@code --service-jvm-of} adds for
   * it (after the others, so its {@code -Xmx} wins). With {@code --jfr} the services load the
   * {@code jdk.jfr} module from the start, and so their AOT caches are trained with it: a JVM
   * refuses a cache dumped without a module it runs with, so the recording services used to start
   * without their caches.
   */
  static List<String> jvmOf(FleetOptions options, String name) {
    List<String> jvm = new ArrayList<>(options.serviceJvm());
    if (options.serviceJvm().equals(FleetOptions.SERVICE_JVM)) {
      jvm.addAll(FleetOptions.SERVICE_JVM_ADDED.getOrDefault(name, List.of()));
    }
    jvm.addAll(options.serviceJvmOf().getOrDefault(name, List.of()));
    if (options.jfr()) {
      jvm.add(JFR_MODULE);
    }
    return List.copyOf(jvm);
  }

  /** Added with {@code --jfr}, so that caches and recording runs agree on the modules. */
  static final String JFR_MODULE = "--add-modules=jdk.jfr";

  static Path jar(FleetOptions options, String name) {
    return options.root().resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
  }

  /** Starts a service with its JVM options and, when it has a fresh one, its AOT cache. */
  private static PackagedService start(
      FleetOptions options, FleetStack stack, String name, String label, boolean jfr)
      throws IOException {
    List<String> jvm = new ArrayList<>(jvmOf(options, name));
    jvm.addAll(FleetAot.use(options, name, jvmOf(options, name)));
    return start(options, stack, name, label, jfr, jvm, options.serviceJava());
  }

  static PackagedService start(
      FleetOptions options,
      FleetStack stack,
      String name,
      String label,
      boolean jfr,
      List<String> jvm,
      Path java)
      throws IOException {
    Path dir = options.out().toAbsolutePath();
    return PackagedService.start(
        name,
        java,
        jar(options, name),
        jvm,
        jfr ? dir.resolve(name + "-" + label + ".jfr") : null,
        List.of(
            "hotpath.auth.tokens.demo.tenant=" + TENANT,
            "hotpath.auth.tokens.demo.sha256=" + IngestPathBench.sha256(TOKEN)),
        stack.env(),
        dir.resolve(name + "-" + label + ".log"));
  }

  /**
   * Polls every service's {@code /q/health/ready} every 50 ms until each answered 200; each one's
   * figure is from its own process start to its first 200.
   */
  static Map<String, Long> awaitReady(List<PackagedService> services) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Map<String, Long> ready = new LinkedHashMap<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (ready.size() < services.size()) {
      for (PackagedService service : services) {
        if (ready.containsKey(service.name())) {
          continue;
        }
        if (!service.isAlive()) {
          throw new IllegalStateException(
              "the " + service.name() + " exited during start; see " + service.log());
        }
        long sinceStart = service.millisSinceStart();
        try {
          HttpResponse<Void> response =
              http.send(
                  HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            ready.put(service.name(), sinceStart);
            System.out.printf(
                Locale.ROOT,
                "  %-9s ready %,d ms after its start (pid %d)%n",
                service.name(),
                sinceStart,
                service.pid());
          }
        } catch (IOException e) {
          // not listening yet
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready in 180 s: " + services);
      }
      Thread.sleep(50);
    }
    return ready;
  }

  /** Stops the services at once (SIGTERM, so JFR recordings are written), then waits for each. */
  private static void stopAll(Map<String, PackagedService> running) {
    List<PackagedService> services = new ArrayList<>(running.values());
    running.clear();
    services.parallelStream().forEach(PackagedService::close);
  }

  /** Sends SIGSTOP or SIGCONT to the named services. */
  private static void signal(Map<String, PackagedService> running, List<String> names, String sig)
      throws Exception {
    for (String name : names) {
      new ProcessBuilder("kill", "-" + sig, Long.toString(running.get(name).pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Waits for every group's lag to be 0 and every end-to-end sample; seconds it took. */
  private static double drain(
      FleetOptions options, FleetLag lag, FleetEndToEnd endToEnd, long originNanos)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + options.drain().toNanos();
    while (System.nanoTime() < deadline) {
      FleetLag.Sample sample = lag.sample(seconds(originNanos));
      if (sample.total() == 0 && endToEnd.measured() >= endToEnd.expected()) {
        break;
      }
      Thread.sleep(500);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * After the ceiling the analyzer has a backlog: what the collector wrote while the consumers were
   * paused, and whatever it had not read of the fleet's reports. Its rate through it, from its
   * group's committed offsets on the telemetry topics (the analyzer commits what it finished, every
   * few seconds), from the first commit that moved to the last one, until it caught up.
   */
  private static Map<String, Object> analyzerBacklogRate(FleetLag lag, Duration timeout)
      throws Exception {
    long target = lag.written(TELEMETRY);
    long base = lag.committed(FleetLag.ANALYZER, TELEMETRY);
    long resumed = System.nanoTime();
    long deadline = resumed + timeout.toNanos();
    long first = 0;
    long atFirst = base;
    long last = 0;
    long atLast = base;
    while (atLast < target && System.nanoTime() < deadline) {
      Thread.sleep(250);
      long now = lag.committed(FleetLag.ANALYZER, TELEMETRY);
      long t = System.nanoTime();
      if (now > atLast) {
        if (first == 0) {
          first = t;
          atFirst = now;
        }
        last = t;
        atLast = now;
      }
    }
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("backlog", Math.max(0, target - base));
    rate.put("read", atLast - base);
    double seconds = first > 0 && last > first ? (last - first) / 1e9 : 0;
    long counted = atLast - atFirst;
    boolean oneCommit = seconds == 0 && atLast > base;
    if (oneCommit) {
      // The whole backlog showed in one commit: count from the resume instead. The commit came up
      // to one commit interval after the work, so the rate is at least this.
      seconds = (last - resumed) / 1e9;
      counted = atLast - base;
    }
    rate.put("seconds", round(seconds));
    rate.put("recordsPerSecond", seconds > 0 ? round(counted / seconds) : 0.0);
    rate.put("atLeast", oneCommit);
    return rate;
  }

  private static Map<String, Object> phase(FleetLoad.Phase phase, double offered) {
    Map<String, Object> p = new LinkedHashMap<>();
    double seconds = phase.seconds();
    p.put("seconds", round(seconds));
    if (offered > 0) {
      p.put("offeredPerSecond", round(offered));
    }
    p.put("sent", phase.sent.get());
    p.put("dueButNotSent", phase.unsent);
    p.put("accepted", phase.accepted.get());
    p.put("acceptedPerSecond", round(phase.accepted.get() / seconds));
    p.put("acceptedMegabytesPerSecond", round(phase.acceptedBytes.get() / 1e6 / seconds));
    p.put("status4xx", phase.status4xx.get());
    p.put("status503", phase.status503.get());
    p.put("status5xxOther", phase.status5xx.get());
    p.put("failed", phase.failed.get());
    Map<String, Long> byKind = new LinkedHashMap<>();
    phase.acceptedByKind.forEach((k, v) -> byKind.put(k.name(), v.get()));
    p.put("acceptedByKind", byKind);
    p.put("latencyMs", percentiles(phase.latencyMicros, 1000.0));
    p.put("maxSendLateMs", round(phase.maxLateMicros.get() / 1000.0));
    p.put("firstError", phase.firstError.get());
    return p;
  }

  private static Map<String, Object> endToEnd(FleetEndToEnd endToEnd, long originMillis) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("expected", endToEnd.expected());
    e.put("analyzed", endToEnd.analyzed());
    e.put("measured", endToEnd.measured());
    e.put("acceptedToTrackedMs", percentiles(endToEnd.visible(), 1.0));
    e.put("acceptedToAnalyzerMs", percentiles(endToEnd.analysis(), 1.0));
    e.put("acceptedToStatusChangeMs", percentiles(endToEnd.statusChange(), 1.0));
    return e;
  }

  static Map<String, Object> percentiles(Histogram h, double divisor) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("count", h.getTotalCount());
    if (h.getTotalCount() > 0) {
      p.put("p50", round(h.getValueAtPercentile(50) / divisor));
      p.put("p95", round(h.getValueAtPercentile(95) / divisor));
      p.put("p99", round(h.getValueAtPercentile(99) / divisor));
      p.put("max", round(h.getMaxValue() / divisor));
    }
    return p;
  }

  /** Per group and topic: the largest lag, the lag at the window's end, and its trend. */
  private static Map<String, Object> lag(List<FleetLag.Sample> samples, double from, double to) {
    Map<String, Object> lag = new LinkedHashMap<>();
    List<FleetLag.Sample> window =
        samples.stream().filter(s -> s.t() >= from && s.t() <= to).toList();
    List<FleetLag.Sample> secondHalf =
        window.stream().filter(s -> s.t() >= (from + to) / 2).toList();
    lag.put("samples", window.size());
    lag.put("maxTotal", window.stream().mapToLong(FleetLag.Sample::total).max().orElse(0));
    lag.put("totalAtWindowEnd", window.isEmpty() ? 0 : window.get(window.size() - 1).total());
    lag.put("slopeSecondHalfPerSecond", round(slope(secondHalf)));
    Map<String, Object> perTopic = new TreeMap<>();
    for (FleetLag.Sample s : window) {
      s.lag()
          .forEach(
              (k, v) ->
                  perTopic.merge(k, v, (a, b) -> Math.max(((Number) a).longValue(), (Long) b)));
    }
    lag.put("maxPerGroupTopic", perTopic);
    lag.put("writtenPerSecond", writtenPerSecond(window));
    return lag;
  }

  /**
   * Records written to each topic per second over the samples: what each consumer had to keep up
   * with, beside its lag.
   */
  static Map<String, Object> writtenPerSecond(List<FleetLag.Sample> window) {
    Map<String, Object> rates = new TreeMap<>();
    if (window.size() < 2) {
      return rates;
    }
    FleetLag.Sample first = window.get(0);
    FleetLag.Sample last = window.get(window.size() - 1);
    double seconds = last.t() - first.t();
    if (seconds <= 0) {
      return rates;
    }
    last.written()
        .forEach(
            (topic, end) ->
                rates.put(topic, round((end - first.written().getOrDefault(topic, 0L)) / seconds)));
    return rates;
  }

  /** Least-squares slope of the total lag over time, records per second. */
  static double slope(List<FleetLag.Sample> samples) {
    int n = samples.size();
    if (n < 2) {
      return 0;
    }
    double mt = samples.stream().mapToDouble(FleetLag.Sample::t).average().orElse(0);
    double ml = samples.stream().mapToDouble(FleetLag.Sample::total).average().orElse(0);
    double num = 0;
    double den = 0;
    for (FleetLag.Sample s : samples) {
      num += (s.t() - mt) * (s.total() - ml);
      den += (s.t() - mt) * (s.t() - mt);
    }
    return den == 0 ? 0 : num / den;
  }

  /**
   * CPU and RSS of each process in the fleet window, and its CPU in the ceiling; each CPU also as
   * milliseconds per report the collector accepted in that window, which is what has to fit the
   * machine: at 1,000 reports/s, all processes together have {@code 1,000 * cores / 1,000} ms.
   */
  private static Map<String, Object> processes(
      Map<String, List<FleetProcesses.Sample>> samples,
      double from,
      double to,
      FleetLoad.Phase fleet,
      double ceilingFrom,
      double ceilingTo,
      FleetLoad.Phase ceiling) {
    double fleetRate = fleet.accepted.get() / fleet.seconds();
    double ceilingRate = ceiling.accepted.get() / ceiling.seconds();
    Map<String, Object> all = new LinkedHashMap<>();
    samples.forEach(
        (name, list) -> {
          List<FleetProcesses.Sample> window =
              list.stream().filter(s -> s.t() >= from && s.t() <= to).toList();
          double cores = average(window, FleetProcesses.Sample::cores);
          // A sample covers the second before it: those taken mostly inside the ceiling.
          double ceilingCores =
              average(
                  list.stream()
                      .filter(s -> s.t() > ceilingFrom + 0.5 && s.t() <= ceilingTo + 0.5)
                      .toList(),
                  FleetProcesses.Sample::cores);
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("cpuCoresAverage", round(cores));
          p.put(
              "cpuCoresMax",
              round(window.stream().mapToDouble(FleetProcesses.Sample::cores).max().orElse(0)));
          p.put("cpuMsPerAcceptedReport", round(fleetRate > 0 ? cores * 1000 / fleetRate : 0));
          p.put("jitCoresAverage", round(average(window, FleetProcesses.Sample::jitCores)));
          p.put(
              "vmThreadCoresAverage", round(average(window, FleetProcesses.Sample::vmThreadCores)));
          p.put("jitCpuSecondsWholeRun", round(jitSeconds(list)));
          p.put("ceilingCpuCoresAverage", round(ceilingCores));
          p.put(
              "ceilingCpuMsPerReport",
              round(ceilingRate > 0 ? ceilingCores * 1000 / ceilingRate : 0));
          p.put(
              "rssMbMax",
              round(window.stream().mapToDouble(FleetProcesses.Sample::rssMb).max().orElse(0)));
          p.put(
              "rssMbMaxWholeRun",
              round(list.stream().mapToDouble(FleetProcesses.Sample::rssMb).max().orElse(0)));
          all.put(name, p);
        });
    return all;
  }

  private static double average(
      List<FleetProcesses.Sample> samples, ToDoubleFunction<FleetProcesses.Sample> figure) {
    return samples.stream().mapToDouble(figure).average().orElse(0);
  }

  /** CPU seconds of a process's JIT compiler threads over all its samples. */
  static double jitSeconds(List<FleetProcesses.Sample> samples) {
    double seconds = 0;
    for (int i = 1; i < samples.size(); i++) {
      seconds += samples.get(i).jitCores() * (samples.get(i).t() - samples.get(i - 1).t());
    }
    return seconds;
  }

  /** Time series for the chart and for anyone who wants to plot them again. */
  private static Map<String, Object> series(
      FleetLoad load,
      List<FleetLag.Sample> lag,
      FleetEndToEnd endToEnd,
      Map<String, List<FleetProcesses.Sample>> processes,
      long originMillis,
      double end) {
    Map<String, Object> s = new LinkedHashMap<>();
    int seconds = (int) Math.min(7_199, Math.ceil(end));
    List<Long> accepted = new ArrayList<>();
    List<Double> megabytes = new ArrayList<>();
    List<Long> refused = new ArrayList<>();
    for (int i = 0; i <= seconds; i++) {
      accepted.add(load.acceptedPerSecond.get(i));
      megabytes.add(round(load.bytesPerSecond.get(i) / 1e6));
      refused.add(load.refusedPerSecond.get(i));
    }
    s.put("acceptedPerSecond", accepted);
    s.put("acceptedMegabytesPerSecond", megabytes);
    s.put("refusedPerSecond", refused);
    List<List<Object>> e2e = new ArrayList<>();
    for (FleetEndToEnd.Sample sample : endToEnd.samples()) {
      if (sample.visibleMs() < 0) {
        continue;
      }
      e2e.add(
          List.of(
              sample.service(),
              round((sample.acceptedMs() - originMillis) / 1000.0),
              sample.totalMs(),
              sample.analysisMs()));
    }
    s.put("endToEnd[service,acceptedAtSecond,acceptedToTrackedMs,acceptedToAnalyzerMs]", e2e);
    List<List<Object>> lagTotal = new ArrayList<>();
    for (FleetLag.Sample sample : lag) {
      lagTotal.add(List.of(round(sample.t()), sample.total()));
    }
    s.put("lagTotal[second,records]", lagTotal);
    Map<String, Object> procs = new LinkedHashMap<>();
    processes.forEach(
        (name, list) -> {
          List<List<Object>> rows = new ArrayList<>();
          list.forEach(p -> rows.add(List.of(round(p.t()), round(p.cores()), round(p.rssMb()))));
          procs.put(name, rows);
        });
    s.put("processes[second,cores,rssMb]", procs);
    return s;
  }

  private static Map<String, Object> rate(FleetCeiling.Rate rate) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("records", rate.records());
    r.put("seconds", round(rate.seconds()));
    r.put("recordsPerSecond", round(rate.recordsPerSecond()));
    r.put("megabytesPerSecond", round(rate.megabytesPerSecond()));
    return r;
  }

  private static Map<String, Object> fleet(FleetOptions o) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("services", o.services());
    f.put("instancesPerService", o.instances());
    f.put("intervalMs", o.interval().toMillis());
    f.put("offeredReportsPerSecond", round(o.reportsPerSecond()));
    f.put("warmupSeconds", round(o.warmup().toMillis() / 1000.0));
    f.put("durationSeconds", round(o.duration().toMillis() / 1000.0));
    f.put("ceilingSeconds", round(o.ceiling().toMillis() / 1000.0));
    f.put("inFlight", o.inFlight());
    f.put("httpClients", o.clients());
    f.put("serviceJvm", o.serviceJvm());
    f.put("serviceJvmOf", o.serviceJvmOf());
    f.put("serviceJava", o.serviceJava().toString());

    f.put("startMode", o.startMode().name());
    f.put(
        "mix",
        "per instance in turn: traces, traces, metrics, folded profile, traces, traces, metrics,"
            + " pprof profile, traces, traces");
    return f;
  }

  private static Map<String, Object> machine(double loadBefore) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("loadAverageBefore", loadBefore);
    return m;
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double seconds(long originNanos) {
    return (System.nanoTime() - originNanos) / 1e9;
  }

  static double ratio(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
