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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the four telemetry topics (reports, traces, metrics, profiles) a poll at a time. The
 * records of a poll are split by key (tenant/service) into up to {@code
 * hotpath.analyzer.concurrency} groups, analyzed on the analysis threads at the same time, each
 * group's records in offset order. Then every record's bottlenecks are published, and the poll is
 * acknowledged (its offsets committed) only after Kafka acknowledged them all. A channel takes its
 * next poll after that, so a service's records are always analyzed in order and each sees what the
 * one before it published.
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
    return consume(poll, TelemetryReport.class, "unknown");
  }

  @Incoming("spans-in")
  public Uni<Void> spans(KafkaRecordBatch<String, byte[]> poll) {
    return consume(poll, SpansReceived.class, AnalyzerMetrics.kind(SpansReceived.class));
  }

  @Incoming("metrics-in")
  public Uni<Void> metrics(KafkaRecordBatch<String, byte[]> poll) {
    return consume(poll, MetricsReceived.class, AnalyzerMetrics.kind(MetricsReceived.class));
  }

  @Incoming("profiles-in")
  public Uni<Void> profiles(KafkaRecordBatch<String, byte[]> poll) {
    return consume(poll, ProfileCaptured.class, AnalyzerMetrics.kind(ProfileCaptured.class));
  }

  /** Stops the analysis threads once the channels stopped handing them polls. */
  @PreDestroy
  void stop() {
    threads.shutdown();
  }

  private <E extends HotpathEvent> Uni<Void> consume(
      KafkaRecordBatch<String, byte[]> poll, Class<E> type, String invalidKind) {
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
            : Uni.join().all(groups).andFailFast().replaceWithVoid();
    return analyzed
        .chain(() -> publish(records, PollGroups.latestOnly(outcomes)))
        .chain(() -> Uni.createFrom().completionStage(poll::ack));
  }

  /** Analyzes one group's records in offset order; a record's failure is its outcome alone. */
  private <E extends HotpathEvent> void analyzeInOrder(
      List<KafkaRecord<String, byte[]>> records,
      List<Integer> group,
      Class<E> type,
      String invalidKind,
      Outcome[] outcomes) {
    // The same event twice in one poll (a retried send) is analyzed once, as it would be across
    // polls: the first is not yet marked processed when the second is looked at.
    Set<UUID> inPoll = new HashSet<>();
    for (int index : group) {
      outcomes[index] = analyzeOne(records.get(index).getPayload(), type, invalidKind, inPoll);
    }
  }

  private <E extends HotpathEvent> Outcome analyzeOne(
      byte[] payload, Class<E> type, String invalidKind, Set<UUID> inPoll) {
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
    if (analysis.isRepeat(event) || !inPoll.add(event.eventId())) {
      metrics.repeat(event);
      LOG.debugf("skipping repeated event %s", event.eventId());
      return Outcome.repeat(event);
    }
    try {
      return Outcome.analyzed(event, analysis.analyze(event));
    } catch (RuntimeException e) {
      LOG.errorf(e, "dead-lettering event %s: its analysis failed", event.eventId());
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
                .recoverWithUni(failure -> deadLetter(record, failure)));
      }
    }
    return done.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(done).andFailFast().replaceWithVoid();
  }

  private void processed(HotpathEvent event, List<BottleneckDetected> bottlenecks) {
    analysis.processed(event, bottlenecks);
    metrics.analyzed(event);
    bottlenecks.forEach(metrics::published);
    if (!bottlenecks.isEmpty()) {
      LOG.debugf(
          "event %s of %s/%s: %d bottleneck(s)",
          event.eventId(), event.tenant(), event.service(), bottlenecks.size());
    }
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
