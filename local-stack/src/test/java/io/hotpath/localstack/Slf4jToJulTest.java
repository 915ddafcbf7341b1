package io.hotpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The standalone run's SLF4J binding hands records to java.util.logging with their levels. */
class Slf4jToJulTest {

  @Test
  void forwardsFormattedRecordsAboveTheJulLevel() {
    Logger jul = Logger.getLogger("io.hotpath.localstack.test.bridge");
    jul.setLevel(Level.WARNING);
    jul.setUseParentHandlers(false);
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(capture);
    try {
      org.slf4j.Logger slf4j =
          new Slf4jToJul().getLoggerFactory().getLogger("io.hotpath.localstack.test.bridge");
      IllegalStateException failure = new IllegalStateException("boom");

      slf4j.info("dropped {}", 1);
      slf4j.warn("kept {} of {}", 2, 3);
      slf4j.error("failed", failure);

      assertThat(slf4j.isInfoEnabled()).isFalse();
      assertThat(slf4j.isWarnEnabled()).isTrue();
      assertThat(records)
          .extracting(LogRecord::getLevel, LogRecord::getMessage, LogRecord::getThrown)
          .containsExactly(
              tuple(Level.WARNING, "kept 2 of 3", null), tuple(Level.SEVERE, "failed", failure));
    } finally {
      jul.removeHandler(capture);
    }
  }
}
