package io.hotpath.tracker.messaging;

import org.jboss.logging.Logger;

/** One way to log a record that failed and is about to go to its dead-letter topic. */
final class Failures {
  private Failures() {}

  /** Logs what went wrong, never the record itself (it may be large). */
  static void log(Logger log, String what, Throwable failure) {
    log.warnf(
        "%s record not applied, it goes to the dead-letter topic: %s", what, failure.toString());
    log.debugf(failure, "%s record failure", what);
  }
}
