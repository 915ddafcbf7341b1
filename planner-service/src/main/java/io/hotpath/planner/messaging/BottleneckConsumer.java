package io.hotpath.planner.messaging;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.service.PlannerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Plans each detected bottleneck. The input is acknowledged only once its plan was acknowledged by
 * Kafka; a record that cannot be read fails here and goes to {@code hotpath.bottlenecks.v1.dlq}
 * with the reason, and the partition moves on.
 */
@ApplicationScoped
public class BottleneckConsumer {
  private static final Logger LOG = Logger.getLogger(BottleneckConsumer.class);

  private final PlannerService planner;
  private final PlanPublisher publisher;

  public BottleneckConsumer(PlannerService planner, PlanPublisher publisher) {
    this.planner = planner;
    this.publisher = publisher;
  }

  @Incoming("bottlenecks-in")
  public Uni<Void> onBottleneck(String payload) {
    return Uni.createFrom()
        .item(() -> read(payload))
        .chain(
            bottleneck -> {
              Optional<PlanProposed> plan = planner.plan(bottleneck);
              Uni<Void> published =
                  plan.map(publisher::publish).orElseGet(() -> Uni.createFrom().voidItem());
              return published.invoke(() -> planner.handled(bottleneck, plan));
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
