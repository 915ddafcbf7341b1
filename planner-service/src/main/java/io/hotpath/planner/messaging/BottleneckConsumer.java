package io.hotpath.planner.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.service.PlannerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Plans each detected bottleneck. The input is acknowledged only once its plan (or coverage gap)
 * was acknowledged by Kafka; a record that cannot be read fails here and goes to {@code
 * hotpath.bottlenecks.v1.dlq} with the reason, and the partition moves on.
 */
@ApplicationScoped
public class BottleneckConsumer {
  private static final Logger LOG = Logger.getLogger(BottleneckConsumer.class);

  private final PlannerService planner;
  private final PlanPublisher publisher;
  private final CoverageGapPublisher gaps;

  public BottleneckConsumer(
      PlannerService planner, PlanPublisher publisher, CoverageGapPublisher gaps) {
    this.planner = planner;
    this.publisher = publisher;
    this.gaps = gaps;
  }

  @Incoming("bottlenecks-in")
  public Uni<Void> onBottleneck(String payload) {
    return Uni.createFrom()
        .item(() -> read(payload))
        .chain(
            bottleneck -> {
              PlannerService.Decision decision = planner.decide(bottleneck);
              Uni<Void> plans = Uni.createFrom().voidItem();
              for (PlanProposed plan : decision.plans()) {
                plans = plans.chain(() -> publisher.publish(plan));
              }
              return plans
                  .chain(
                      () ->
                          decision
                              .gap()
                              .map(gaps::publish)
                              .orElseGet(() -> Uni.createFrom().voidItem()))
                  .invoke(() -> planner.handled(decision));
            })
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Bottleneck record not planned, it goes to the dead-letter topic: %s",
                    failure.toString()));
  }

  private static BottleneckDetected read(String payload) {
    if (payload == null || payload.isBlank()) {
      throw new InvalidEventException("BottleneckDetected: the record has no value", "", null);
    }
    return EventJson.read(payload, BottleneckDetected.class);
  }
}
