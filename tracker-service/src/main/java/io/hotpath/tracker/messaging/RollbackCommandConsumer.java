package io.hotpath.tracker.messaging;

import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.tracker.service.RollbackExecution;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The rollback executor's input: {@code hotpath.rollbacks.v1} in its own consumer group ({@code
 * hotpath-rollback-executor}). One command at a time on a worker thread (executors block, retries
 * wait); acknowledged once its outcome is committed. Unreadable commands go to {@code
 * hotpath.rollbacks.v1.dlq}.
 */
@ApplicationScoped
public class RollbackCommandConsumer {
  private static final Logger LOG = Logger.getLogger(RollbackCommandConsumer.class);

  private final RollbackExecution execution;

  public RollbackCommandConsumer(RollbackExecution execution) {
    this.execution = execution;
  }

  @Incoming("rollbacks-in")
  @Blocking
  public void onCommand(String payload) throws Throwable {
    RollbackRequested command;
    try {
      command = BottleneckConsumer.read(payload, RollbackRequested.class);
    } catch (RuntimeException unreadable) {
      Failures.log(LOG, "rollback command", unreadable);
      throw unreadable;
    }
    try {
      execution.execute(command);
    } catch (Throwable failure) {
      Failures.log(LOG, "rollback command " + command.commandId(), failure);
      throw failure;
    }
  }
}
