package io.hotpath.tracker.messaging;

import io.hotpath.tracker.service.Validations;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Every {@code hotpath.tracker.validation.check-interval}, decides the pending validations that are
 * ready (a report's own attempt failed, or the tracker restarted in between) or have waited longer
 * than {@code timeout}.
 */
@ApplicationScoped
public class ValidationTimer {
  private static final Logger LOG = Logger.getLogger(ValidationTimer.class);

  private final Validations validations;

  public ValidationTimer(Validations validations) {
    this.validations = validations;
  }

  /** On a worker thread; a run still going when the next is due makes that one skip. */
  @Scheduled(
      identity = "validations-due",
      every = "{hotpath.tracker.validation.check-interval}",
      delayed = "{hotpath.tracker.validation.check-interval}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void decideDue() {
    try {
      VertxContextSupport.subscribeAndAwait(validations::validateDue);
    } catch (Throwable failure) {
      LOG.warnf("Pending validations not decided, tried again later: %s", failure.toString());
    }
  }
}
