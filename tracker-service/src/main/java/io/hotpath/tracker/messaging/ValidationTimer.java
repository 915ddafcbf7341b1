package io.hotpath.tracker.messaging;

import io.hotpath.tracker.config.TrackerConfig;
import io.hotpath.tracker.service.Validations;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final TrackerConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public ValidationTimer(Validations validations, TrackerConfig config) {
    this.validations = validations;
    this.config = config;
  }

  void start(@Observes StartupEvent started, Vertx vertx) {
    timer =
        vertx.setPeriodic(
            config.validation().checkInterval().toMillis(),
            id ->
                vertx.executeBlocking(
                    () -> {
                      runBlocking();
                      return null;
                    },
                    false));
  }

  void stop(@Observes ShutdownEvent stopping, Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void runBlocking() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      VertxContextSupport.subscribeAndAwait(validations::validateDue);
    } catch (Throwable failure) {
      LOG.warnf("Pending validations not decided, tried again later: %s", failure.toString());
    } finally {
      running.set(false);
    }
  }
}
