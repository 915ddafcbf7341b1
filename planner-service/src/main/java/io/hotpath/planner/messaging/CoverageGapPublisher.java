package io.hotpath.planner.messaging;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.CoverageGapFound;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes coverage gaps to {@code hotpath.coverage-gaps.v1}, keyed {@code tenant/service}. */
@ApplicationScoped
public class CoverageGapPublisher {
  private final MutinyEmitter<String> gaps;

  public CoverageGapPublisher(@Channel("coverage-gaps-out") MutinyEmitter<String> gaps) {
    this.gaps = gaps;
  }

  /** Completes when Kafka acknowledged the gap ({@code acks=all}); fails if it could not. */
  public Uni<Void> publish(CoverageGapFound gap) {
    return gaps.sendMessage(
        Message.of(EventJson.write(gap))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(PartitionKeys.of(gap))
                    .build()));
  }
}
