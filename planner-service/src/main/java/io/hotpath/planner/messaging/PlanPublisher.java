package io.hotpath.planner.messaging;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.PlanProposed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes plans to {@code hotpath.plans.v1}, keyed {@code tenant/service}. */
@ApplicationScoped
public class PlanPublisher {
  private final MutinyEmitter<String> plans;

  public PlanPublisher(@Channel("plans-out") MutinyEmitter<String> plans) {
    this.plans = plans;
  }

  /** Completes when Kafka acknowledged the plan ({@code acks=all}); fails if it could not. */
  public Uni<Void> publish(PlanProposed plan) {
    return plans.sendMessage(
        Message.of(EventJson.write(plan))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(PartitionKeys.of(plan))
                    .build()));
  }
}
