package io.hotpath.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The simulated fleet: {@code services x instances} agents, each sending one report per interval
 * through the collector's real endpoints with the bearer token. Open loop: send {@code i} is due at
 * {@code start + i / rate}, spread evenly, whether or not earlier answers came back; at most {@code
 * inFlight} requests are outstanding over a few Vert.x {@link HttpClient}s (each on its own event
 * loop; the JDK's client took about twice the CPU per request, CPU the collector on the same
 * machine did not get), and a send that waits for a free slot is late, which its latency shows
 * because latency is measured from the time it was due (no coordinated omission). With a rate of 0
 * the same clients send as fast as answers come back (closed loop), for the ceiling.
 *
 * <p>A phase run with {@link Debuts} gives each service a new N+1 at its debut, spread over the
 * phase's wall-clock time (so a schedule that fell behind still spreads them); the first trace
 * after it carries the N+1 and its acceptance starts that service's end-to-end clock ({@link
 * FleetEndToEnd}). Later traces of the service repeat its latest N+1 now and then, as a real one
 * would. The warm-up debuts one N+1 and the measured window another, so that what the window times
 * (a new bottleneck through the analyzer, the tracker's first sighting, its API) has run before.
 */
final class FleetLoad implements AutoCloseable {
  /** Share of a debuted service's later trace reports that show its N+1 again. */
  static final double N_PLUS_ONE_SHARE = 0.3;

  private static final int NOT_YET = 0;
  private static final int PROBING = 1;
  private static final int DEBUTED = 2;

  /**
   * One phase's debuts: each service shows the N+1 that {@code endToEnd} times for the first time
   * once, at a moment spread from 10 % to 90 % of the phase, and {@code endToEnd} times it from its
   * acceptance.
   */
  static final class Debuts {
    final FleetEndToEnd endToEnd;
    private final AtomicIntegerArray state;
    private final long[] at;

    Debuts(FleetEndToEnd endToEnd, int services) {
      this.endToEnd = endToEnd;
      this.state = new AtomicIntegerArray(services);
      this.at = new long[services];
    }

    private void spread(long start, Duration window) {
      for (int s = 0; s < at.length; s++) {
        at[s] = start + (long) (window.toNanos() * (0.1 + 0.8 * (s + 0.5) / at.length));
      }
    }

    /** Whether this trace of {@code service} is its debut; at most one in flight per service. */
    private boolean debutNow(int service) {
      return state.get(service) == NOT_YET
          && System.nanoTime() >= at[service]
          && state.compareAndSet(service, NOT_YET, PROBING);
    }
  }

  /** What one phase saw, counted when answers arrive. */
  static final class Phase {
    final String name;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong acceptedBytes = new AtomicLong();
    final AtomicLong status4xx = new AtomicLong();
    final AtomicLong status503 = new AtomicLong();
    final AtomicLong status5xx = new AtomicLong(); // other than 503
    final AtomicLong failed = new AtomicLong(); // no answer: connection error or timeout
    final Map<FleetPayloads.Kind, AtomicLong> acceptedByKind =
        new EnumMap<>(FleetPayloads.Kind.class);
    final Histogram latencyMicros = new ConcurrentHistogram(1, 120_000_000, 3);
    final AtomicLong maxLateMicros = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    long unsent; // due in the window but never sent: every slot was taken until it ended
    long startNanos;
    long endNanos;

    Phase(String name) {
      this.name = name;
      for (FleetPayloads.Kind kind : FleetPayloads.Kind.values()) {
        acceptedByKind.put(kind, new AtomicLong());
      }
    }

    double seconds() {
      return Math.max(1e-3, (endNanos - startNanos) / 1e9);
    }
  }

  private final FleetOptions options;
  private final String collector;
  private final String token;
  private final long originNanos;
  private final CharSequence authorization;
  private final Vertx vertx;
  private final List<HttpClient> clients = new ArrayList<>();
  private final Semaphore slots;
  private final List<Debuts> debuted = new CopyOnWriteArrayList<>(); // phases' debuts, in order
  private final AtomicLong sends = new AtomicLong();

  /** Per second since the origin: accepted reports and bytes, and rejected or failed ones. */
  final AtomicLongArray acceptedPerSecond = new AtomicLongArray(7_200);

  final AtomicLongArray bytesPerSecond = new AtomicLongArray(7_200);
  final AtomicLongArray refusedPerSecond = new AtomicLongArray(7_200);

  FleetLoad(FleetOptions options, String collector, String token, long originNanos) {
    this.options = options;
    this.collector = collector;
    this.token = token;
    this.originNanos = originNanos;
    this.authorization = HttpHeaders.createOptimized("Bearer " + token);
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(options.clients())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    URI base = URI.create(collector);
    int connections = Math.max(1, (options.inFlight() + options.clients() - 1) / options.clients());
    for (int c = 0; c < options.clients(); c++) {
      clients.add(
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setDefaultHost(base.getHost())
                  .setDefaultPort(base.getPort())
                  .setConnectTimeout(5_000)
                  .setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1)));
    }
    this.slots = new Semaphore(options.inFlight());
  }

  /**
   * Sends for {@code window}: at the fleet's rate when {@code openLoop}, else as fast as {@code
   * inFlight} outstanding requests allow; waits for the answers still outstanding at the end.
   *
   * @param debuts the N+1 each service debuts in this window, or null for none
   */
  Phase run(String name, Duration window, boolean openLoop, Debuts debuts)
      throws InterruptedException {
    Phase phase = new Phase(name);
    int agents = options.services() * options.instances();
    double rate = options.reportsPerSecond();
    long period = (long) (1e9 / rate);
    long start = System.nanoTime();
    long end = start + window.toNanos();
    phase.startNanos = start;
    if (debuts != null) {
      debuts.spread(start, window);
      debuted.add(debuts);
    }
    for (long i = 0; ; i++) {
      long due;
      if (openLoop) {
        due = start + i * period;
        // A saturated pool falls behind the schedule; the window still ends on time, and what
        // was due but never sent is counted, not sent later.
        if (due >= end || System.nanoTime() >= end) {
          phase.unsent = Math.max(0, (end - start) / period - i);
          break;
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        slots.acquire();
      } else {
        slots.acquire();
        due = System.nanoTime();
        if (due >= end) {
          slots.release();
          break;
        }
      }
      long late = (System.nanoTime() - due) / 1_000;
      phase.maxLateMicros.accumulateAndGet(late, Math::max);
      send(phase, sends.getAndIncrement(), agents, due, debuts);
    }
    // Answers still outstanding belong to this phase.
    if (!slots.tryAcquire(options.inFlight(), 60, TimeUnit.SECONDS)) {
      phase.firstError.compareAndSet(null, "answers outstanding 60 s after the window ended");
    } else {
      slots.release(options.inFlight());
    }
    phase.endNanos = end;
    return phase;
  }

  private void send(Phase phase, long i, int agents, long due, Debuts debuts) {
    int agent = (int) (i % agents);
    long tick = i / agents;
    int service = agent / options.instances();
    int instance = agent % options.instances();
    FleetPayloads.Kind kind = FleetPayloads.kindAt(agent, tick);
    FleetPayloads.NPlusOne nPlusOne = FleetPayloads.NPlusOne.NONE;
    Debuts probe = null;
    if (kind == FleetPayloads.Kind.TRACES) {
      if (debuts != null && debuts.debutNow(service)) {
        probe = debuts;
        nPlusOne = debuts.endToEnd.nPlusOne();
      } else {
        for (int d = debuted.size() - 1; d >= 0; d--) {
          Debuts latest = debuted.get(d);
          if (latest.state.get(service) == DEBUTED) {
            if (ThreadLocalRandom.current().nextDouble() < N_PLUS_ONE_SHARE) {
              nPlusOne = latest.endToEnd.nPlusOne();
            }
            break;
          }
        }
      }
    }
    FleetPayloads.Report report =
        FleetPayloads.build(kind, service, instance, tick, nPlusOne, System.currentTimeMillis());
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI(report.pathAndQuery())
            .setIdleTimeout(30_000)
            .putHeader(HttpHeaders.AUTHORIZATION, authorization)
            .putHeader(HttpHeaders.CONTENT_TYPE, report.contentType());
    phase.sent.incrementAndGet();
    Debuts debuting = probe;
    clients
        .get((int) (i % clients.size()))
        .request(request)
        .compose(sending -> sending.send(Buffer.buffer(report.body())))
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
        .onComplete(
            answer -> {
              try {
                long now = System.nanoTime();
                int second =
                    (int) Math.min(7_199, Math.max(0, (now - originNanos) / 1_000_000_000L));
                phase.latencyMicros.recordValue(
                    Math.max(1, Math.min(120_000_000, (now - due) / 1_000)));
                int status = answer.succeeded() ? answer.result().status() : -1;
                if (status / 100 == 2) {
                  phase.accepted.incrementAndGet();
                  phase.acceptedBytes.addAndGet(report.body().length);
                  phase.acceptedByKind.get(kind).incrementAndGet();
                  acceptedPerSecond.incrementAndGet(second);
                  bytesPerSecond.addAndGet(second, report.body().length);
                  if (debuting != null) {
                    debuting.state.set(service, DEBUTED);
                    debuting.endToEnd.accepted(
                        FleetPayloads.serviceName(service), System.currentTimeMillis());
                  }
                  return;
                }
                refusedPerSecond.incrementAndGet(second);
                if (answer.failed()) {
                  phase.failed.incrementAndGet();
                  phase.firstError.compareAndSet(null, kind + ": " + answer.cause());
                } else {
                  (status == 503
                          ? phase.status503
                          : status >= 500 ? phase.status5xx : phase.status4xx)
                      .incrementAndGet();
                  phase.firstError.compareAndSet(
                      null,
                      kind
                          + ": HTTP "
                          + status
                          + " "
                          + abbreviate(answer.result().body().toString()));
                }
                if (debuting != null) {
                  debuting.state.set(service, NOT_YET); // the next trace of the service carries it
                }
              } finally {
                slots.release();
              }
            });
  }

  /** A collector's answer: its status, and its body for the first error's message. */
  private record Answer(int status, Buffer body) {}

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Closing is best effort: the bench is ending, and its threads are not in the way.
    }
  }
}
