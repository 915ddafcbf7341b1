package io.hotpath.analyzer.messaging;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.service.AnalysisService;
import io.hotpath.analyzer.service.AnalyzerMetrics;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the four telemetry topics (reports, traces, metrics, profiles) a poll at a time. The
 * records of a poll are split by key (tenant/service) into up to {@code
 * hotpath.analyzer.concurrency} groups, by the detectors' shard of each key, and the groups are
 * analyzed on the analysis threads at the same time, each group's records in offset order. Then
 * every record's bottlenecks are sent, and the poll is acknowledged (its offsets committed) only
 * after Kafka acknowledged them all.
 *
 * <p>A channel analyzes its next poll while the last one's bottlenecks are being sent, and waits
 * for the one before that: at most two polls of a channel are in flight. A service's records are
 * still analyzed in order, and the noise gate judges each against what is in flight, so nothing is
 * published twice for waiting on an acknowledgement.
 *
 * <p>A record that is not a valid event of its topic, or whose analysis or publication failed, goes
 * to {@code <topic>.dlq} with the reason, alone; the poll's other records are processed as usual.
 */
@ApplicationScoped
public class TelemetryConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);

  /** The analysis threads' names begin with this (profiles and thread dumps group them by it). */
  static final String ANALYSIS_THREADS = "hotpath-analysis-";

  private final AnalysisService analysis;
  private final BottleneckPublisher publisher;
  private final AnalyzerMetrics metrics;
  private final int concurrency;
  private final ExecutorService threads;

  /** Events analyzed whose bottlenecks are being sent: a repeat of one is not analyzed again. */
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

  private final Sending reports = new Sending();
  private final Sending spans = new Sending();
  private final Sending metricBatches = new Sending();
  private final Sending profileBatches = new Sending();

  public TelemetryConsumer(
      AnalysisService analysis,
      BottleneckPublisher publisher,
      AnalyzerMetrics metrics,
      AnalyzerConfig config) {
    this.analysis = analysis;
    this.publisher = publisher;
    this.metrics = metrics;
    this.concurrency = config.concurrency();
    this.threads = analysisThreads(concurrency);
  }

  @Incoming("reports-in")
  public Uni<Void> reports(KafkaRecordBatch<String, byte[]> poll) {
    return consume(poll, TelemetryReport.class, "unknown", reports);
  }

  @Incoming("spans-in")
  public Uni<Void> spans(KafkaRecordBatch<String, byte[]> poll) {
    return consume(poll, SpansReceived.class, AnalyzerMetrics.kind(SpansReceived.class), spans);
  }

  @Incoming("metrics-in")
  public Uni<Void> metrics(KafkaRecordBatch<String, byte[]> poll) {
    return consume(
        poll, MetricsReceived.class, AnalyzerMetrics.kind(MetricsReceived.class), metricBatches);
  }

  @Incoming("profiles-in")
  public Uni<Void> profiles(KafkaRecordBatch<String, byte[]> poll) {
    return consume(
        poll, ProfileCaptured.class, AnalyzerMetrics.kind(ProfileCaptured.class), profileBatches);
  }

  /** Stops the analysis threads once the channels stopped handing them polls. */
  @PreDestroy
  void stop() {
    threads.shutdown();
  }

  private <E extends HotpathEvent> Uni<Void> consume(
      KafkaRecordBatch<String, byte[]> poll, Class<E> type, String invalidKind, Sending sending) {
    List<KafkaRecord<String, byte[]>> records = poll.getRecords();
    Outcome[] outcomes = new Outcome[records.size()];
    List<Uni<Void>> groups = new ArrayList<>();
    for (List<Integer> group : PollGroups.of(records, concurrency, analysis::shardOfKey)) {
      groups.add(
          Uni.createFrom()
              .<Void>item(
                  () -> {
                    analyzeInOrder(records, group, type, invalidKind, outcomes);
                    return null;
                  })
              .runSubscriptionOn(threads));
    }
    Uni<Void> analyzed =
        groups.isEmpty()
            ? Uni.createFrom().voidItem()
            // Every group ends before a failure is passed on, so forget() sees all they admitted.
            : Uni.join().all(groups).andCollectFailures().replaceWithVoid();
    return analyzed
        .onFailure()
        .invoke(failure -> forget(outcomes))
        .chain(
            () -> {
              CompletableFuture<Void> sent =
                  publish(records, outcomes)
                      .chain(() -> Uni.createFrom().completionStage(poll::ack))
                      .onFailure()
                      .recoverWithUni(failure -> nackAll(poll, failure))
                      .subscribeAsCompletionStage();
              return Uni.createFrom().completionStage(sending.next(sent));
            });
  }

  /**
   * A poll whose analysis broke off (an error no record caught) goes to the failure strategy whole:
   * what its records admitted is no longer in flight, and their events may come again.
   */
  private void forget(Outcome[] outcomes) {
    for (Outcome outcome : outcomes) {
      if (outcome != null && outcome.bottlenecks() != null) {
        notSent(outcome.event(), outcome.bottlenecks());
      }
    }
  }

  /**
   * The last resort when a poll's records could not even be dead-lettered one by one: the channel's
   * failure strategy gets the whole poll.
   */
  private static Uni<Void> nackAll(KafkaRecordBatch<String, byte[]> poll, Throwable failure) {
    LOG.errorf(failure, "a poll of %d record(s) could not be processed", poll.getRecords().size());
    return Uni.createFrom().completionStage(() -> poll.nack(failure));
  }

  /**
   * The sending of one channel's polls: a poll's method completes once the poll before it was
   * acknowledged, so the channel analyzes a poll while the last one is being sent, never two ahead.
   */
  private static final class Sending {
    private final AtomicReference<CompletableFuture<Void>> last =
        new AtomicReference<>(CompletableFuture.completedFuture(null));

    /** Completes when the poll sent before {@code sent} is done, whatever became of it. */
    CompletableFuture<Void> next(CompletableFuture<Void> sent) {
      return last.getAndSet(sent).handle((done, failure) -> null);
    }
  }

  /** Analyzes one group's records in offset order; a record's failure is its outcome alone. */
  private <E extends HotpathEvent> void analyzeInOrder(
      List<KafkaRecord<String, byte[]>> records,
      List<Integer> group,
      Class<E> type,
      String invalidKind,
      Outcome[] outcomes) {
    for (int index : group) {
      outcomes[index] = analyzeOne(records.get(index).getPayload(), type, invalidKind);
    }
  }

  private <E extends HotpathEvent> Outcome analyzeOne(
      byte[] payload, Class<E> type, String invalidKind) {
    if (payload == null) {
      metrics.invalid(invalidKind);
      return Outcome.failed(new IllegalArgumentException("record has no value"));
    }
    E event;
    try {
      event = EventJson.read(payload, type);
    } catch (RuntimeException e) {
      metrics.invalid(invalidKind);
      LOG.warnf(
          "dead-lettering a record that is not a valid %s: %s",
          type.getSimpleName(), e.getMessage());
      // The message becomes the dead-letter reason; the payload itself stays in the DLQ record.
      return Outcome.failed(e);
    }
    // An event still in flight is a repeat too (a retried send of the same report): processed
    // or not, it is decided by the first.
    if (analysis.isRepeat(event) || !inFlight.add(event.eventId())) {
      metrics.repeat(event);
      LOG.debugf("skipping repeated event %s", event.eventId());
      return Outcome.repeat(event);
    }
    try {
      return Outcome.analyzed(event, analysis.analyze(event));
    } catch (RuntimeException e) {
      LOG.errorf(e, "dead-lettering event %s: its analysis failed", event.eventId());
      inFlight.remove(event.eventId());
      return Outcome.failed(e);
    }
  }

  /**
   * Publishes each analyzed record's bottlenecks and marks it processed once Kafka acknowledged
   * them; a record that could not be analyzed or published goes to the dead-letter topic. Completes
   * when every record is one or the other.
   */
  private Uni<Void> publish(List<KafkaRecord<String, byte[]>> records, Outcome[] outcomes) {
    List<Uni<Void>> done = new ArrayList<>(outcomes.length);
    for (int i = 0; i < outcomes.length; i++) {
      KafkaRecord<String, byte[]> record = records.get(i);
      Outcome outcome = outcomes[i];
      if (outcome.failure() != null) {
        done.add(deadLetter(record, outcome.failure()));
      } else if (outcome.bottlenecks() != null && outcome.bottlenecks().isEmpty()) {
        processed(outcome.event(), outcome.bottlenecks());
      } else if (outcome.bottlenecks() != null) {
        done.add(
            publisher
                .publishAll(outcome.bottlenecks())
                .invoke(() -> processed(outcome.event(), outcome.bottlenecks()))
                .onFailure()
                .recoverWithUni(
                    failure -> {
                      notSent(outcome.event(), outcome.bottlenecks());
                      return deadLetter(record, failure);
                    }));
      }
    }
    return done.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(done).andFailFast().replaceWithVoid();
  }

  private void processed(HotpathEvent event, List<BottleneckDetected> bottlenecks) {
    analysis.processed(event, bottlenecks);
    inFlight.remove(event.eventId());
    metrics.analyzed(event);
    bottlenecks.forEach(metrics::published);
    if (!bottlenecks.isEmpty()) {
      LOG.debugf(
          "event %s of %s/%s: %d bottleneck(s)",
          event.eventId(), event.tenant(), event.service(), bottlenecks.size());
    }
  }

  /**
   * What the event admitted was not sent: the gate decides about it again, and the event is no
   * longer in flight (a later copy of it is analyzed).
   */
  private void notSent(HotpathEvent event, List<BottleneckDetected> bottlenecks) {
    analysis.failed(bottlenecks);
    inFlight.remove(event.eventId());
  }

  /** The channel's failure strategy sends the record to its dead-letter topic with the reason. */
  private static Uni<Void> deadLetter(KafkaRecord<String, byte[]> record, Throwable reason) {
    return Uni.createFrom().completionStage(() -> record.nack(reason));
  }

  private static ExecutorService analysisThreads(int count) {
    AtomicInteger number = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, ANALYSIS_THREADS + number.getAndIncrement());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            count, count, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
