package io.hotpath.tracker.messaging;

import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Starts the validation of the optimizations each deployment carries. Acknowledged after the
 * transaction committed; unreadable records go to {@code hotpath.deployments.v1.dlq}.
 */
@ApplicationScoped
public class DeploymentConsumer {
  private static final Logger LOG = Logger.getLogger(DeploymentConsumer.class);

  private final Validations validations;

  public DeploymentConsumer(Validations validations) {
    this.validations = validations;
  }

  @Incoming("deployments-in")
  public Uni<Void> onDeployment(String payload) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, DeploymentRecorded.class))
        .chain(validations::recordDeployment)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "deployment", failure));
  }
}
