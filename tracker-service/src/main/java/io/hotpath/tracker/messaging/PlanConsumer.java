package io.hotpath.tracker.messaging;

import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.tracker.service.MatrixUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps each bottleneck's latest plan, one poll of {@code hotpath.plans.v1} per matrix transaction
 * (the planner sends a fleet's plans in bursts). The poll is acknowledged only after that
 * transaction committed. A record that cannot be read goes to {@code hotpath.plans.v1.dlq} with the
 * reason; when the transaction fails, the records are applied one by one, so only one that cannot
 * be applied goes to the dead-letter topic and the rest are kept ({@link PollOfRecords}).
 */
@ApplicationScoped
public class PlanConsumer {
  private static final Logger LOG = Logger.getLogger(PlanConsumer.class);

  private final PollOfRecords<String, PlanProposed> polls;

  public PlanConsumer(MatrixUpdates matrix, MeterRegistry registry) {
    this.polls =
        new PollOfRecords<>(
            payload -> BottleneckConsumer.read(payload, PlanProposed.class),
            "plan",
            LOG,
            matrix::recordPlans,
            matrix::recordPlan,
            new PollTimes(registry, "plans-in"));
  }

  @Incoming("plans-in")
  public Uni<Void> onPlans(KafkaRecordBatch<String, String> batch) {
    return polls.apply(batch);
  }
}
