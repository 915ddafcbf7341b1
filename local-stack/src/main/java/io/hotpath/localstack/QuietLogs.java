package io.hotpath.localstack;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers the broker's and the database wrapper's loggers to WARN (a broker start logs about 1,100
 * INFO lines). Goes through java.util.logging: JBoss LogManager in Quarkus tests and {@link
 * Slf4jToJul} in the standalone run both honour it, and Quarkus applies its own log config only
 * after boot, too late for a broker started by a test resource.
 */
final class QuietLogs {

  static final List<String> CATEGORIES =
      List.of(
          "kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper", "io.zonky");

  // java.util.logging holds loggers weakly: a level set on a collected logger is lost.
  private static final List<Logger> KEPT = CATEGORIES.stream().map(Logger::getLogger).toList();
  private static final Logger CONTROLLER =
      Logger.getLogger("org.apache.kafka.controller.QuorumController");

  private QuietLogs() {}

  /** Sets WARN on each category that has no level of its own yet. */
  static void apply() {
    for (Logger logger : KEPT) {
      quiet(logger, Level.WARNING);
    }
    // Its one WARN per start ("the metadata log appears to be empty") is how every fresh single
    // node begins; the broker's controller is never a client a service runs.
    quiet(CONTROLLER, Level.SEVERE);
  }

  private static void quiet(Logger logger, Level level) {
    // A level someone configured (logging.properties, a debugging session) wins.
    if (logger.getLevel() == null) {
      logger.setLevel(level);
    }
  }
}
