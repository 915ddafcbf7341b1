package io.hotpath.collector.ingest.pyroscope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/** Real JFR recordings made in the test JVM, as the Pyroscope Java agent would send them. */
public final class JfrRecordings {
  private static volatile long sink;

  private JfrRecordings() {}

  /**
   * A recording of execution samples every 10 ms while this thread burns CPU in {@link #burnCpu}.
   */
  public static byte[] ofBusyCpu() throws Exception {
    Path file = Files.createTempFile("hotpath-test-", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      burnCpu(Duration.ofMillis(700));
      recording.stop();
      recording.dump(file);
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static void burnCpu(Duration howLong) {
    long end = System.nanoTime() + howLong.toNanos();
    long x = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 31 + i;
      }
    }
    sink = x;
  }
}
