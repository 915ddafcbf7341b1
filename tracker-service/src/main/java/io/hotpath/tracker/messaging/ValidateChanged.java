package io.hotpath.tracker.messaging;

import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import org.jboss.logging.Logger;

/** After telemetry changed a version's baseline: the validations waiting for it look again. */
final class ValidateChanged {
  private ValidateChanged() {}

  /**
   * Decides the ready validations of {@code key} (nothing when null). The telemetry is in by then;
   * a validation that fails here is tried again by the timer, so the record is still acknowledged.
   */
  static Uni<Void> after(Validations validations, MeasuredBaseline.Key key, Logger log) {
    if (key == null) {
      return Uni.createFrom().voidItem();
    }
    return validations
        .validateReady(key)
        .onFailure()
        .recoverWithItem(
            failure -> {
              log.warnf(
                  "Validations of %s/%s %s not run now, the timer tries again: %s",
                  key.tenant(), key.service(), key.version(), failure.toString());
              return null;
            })
        .replaceWithVoid();
  }

  /** The same for the versions a poll changed, found with one query per tenant. */
  static Uni<Void> after(
      Validations validations, Collection<MeasuredBaseline.Key> keys, Logger log) {
    return validations
        .validateReady(keys)
        .onFailure()
        .recoverWithItem(
            failure -> {
              log.warnf(
                  "Validations of %d versions not run now, the timer tries again: %s",
                  keys.size(), failure.toString());
              return null;
            })
        .replaceWithVoid();
  }
}
