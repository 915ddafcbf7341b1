package io.hotpath.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code concurrency} threads, each sending the next request as soon as the
 * previous one was answered, for a warm-up and then a measured window. Only requests that end in
 * the window count; their latencies go into an HdrHistogram (1 µs to 60 s, 3 digits).
 */
public final class LoadDriver {
  /** One request; true when it was accepted (2xx, or acknowledged by Kafka). */
  @FunctionalInterface
  public interface Call {
    boolean call() throws Exception;
  }

  /** What the measured window saw. */
  public record Outcome(
      long succeeded, long failed, long windowNanos, Histogram latencyMicros, String firstError) {
    public double perSecond() {
      return succeeded * 1e9 / windowNanos;
    }
  }

  private LoadDriver() {}

  public static Outcome run(int concurrency, Duration warmup, Duration window, Call call)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureUntil = measureFrom + window.toNanos();
    List<Histogram> histograms = new ArrayList<>();
    long[] succeeded = new long[concurrency];
    long[] failed = new long[concurrency];
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      Histogram histogram = new Histogram(1, 60_000_000, 3);
      histograms.add(histogram);
      int index = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  while (true) {
                    long before = System.nanoTime();
                    if (before >= measureUntil) {
                      return;
                    }
                    boolean ok;
                    try {
                      ok = call.call();
                    } catch (Exception e) {
                      ok = false;
                      firstError.compareAndSet(null, e.toString());
                    }
                    long after = System.nanoTime();
                    if (after >= measureFrom && after < measureUntil) {
                      if (ok) {
                        succeeded[index]++;
                        histogram.recordValue(
                            Math.max(1, Math.min(60_000_000, (after - before) / 1_000)));
                      } else {
                        failed[index]++;
                      }
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "load-" + t);
      worker.setDaemon(true);
      worker.start();
    }
    done.await();
    Histogram all = new Histogram(1, 60_000_000, 3);
    histograms.forEach(all::add);
    long ok = 0;
    long bad = 0;
    for (int t = 0; t < concurrency; t++) {
      ok += succeeded[t];
      bad += failed[t];
    }
    return new Outcome(ok, bad, window.toNanos(), all, firstError.get());
  }
}
