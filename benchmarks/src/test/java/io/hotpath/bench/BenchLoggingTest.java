package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

class BenchLoggingTest {
  @Test
  void quietLoggingTurnsTheHttpClientsAndKafkasDebugLinesOffAndKeepsInfo() {
    Bench.quietLogging();

    // The JDK's HTTP client formats its debug lines whenever this logger takes DEBUG.
    assertThat(System.getLogger("jdk.internal.httpclient.debug").isLoggable(Level.DEBUG)).isFalse();
    assertThat(System.getLogger("org.apache.kafka.clients.NetworkClient").isLoggable(Level.DEBUG))
        .isFalse();
    assertThat(System.getLogger("io.hotpath.bench").isLoggable(Level.INFO)).isTrue();
  }
}
