package io.hotpath.analyzer.messaging;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes bottlenecks on {@code hotpath.bottlenecks.v1}, keyed {@code tenant/service}. The
 * returned {@link Uni} completes once Kafka acknowledged every record; a failed send is retried
 * (the derived event ids make a duplicate harmless downstream).
 */
@ApplicationScoped
public class BottleneckPublisher {
  private final MutinyEmitter<String> bottlenecks;
  private final Duration timeout;

  public BottleneckPublisher(
      @Channel("bottlenecks-out") MutinyEmitter<String> bottlenecks, AnalyzerConfig config) {
    this.bottlenecks = bottlenecks;
    this.timeout = config.publishTimeout();
  }

  /** Completes when all were acknowledged; fails if any could not be written in time. */
  public Uni<Void> publishAll(List<BottleneckDetected> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> sends = events.stream().map(this::publish).toList();
    return Uni.join().all(sends).andFailFast().replaceWithVoid();
  }

  private Uni<Void> publish(BottleneckDetected event) {
    String json = EventJson.write(event);
    String key = PartitionKeys.of(event);
    // Deferred, so each retry really sends again instead of re-awaiting a failed send.
    return Uni.createFrom()
        .deferred(
            () ->
                bottlenecks.sendMessage(
                    Message.of(json)
                        .addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .expireIn(timeout.toMillis());
  }
}
