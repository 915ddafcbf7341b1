package io.hotpath.collector.ingest.pyroscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IngestTimeTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1764158130, 2025-11-26T11:55:30Z",
    "1764158130123, 2025-11-26T11:55:30.123Z",
    "1764158130123456, 2025-11-26T11:55:30.123456Z",
    "1764158130123456789, 2025-11-26T11:55:30.123456789Z",
    "0, 1970-01-01T00:00:00Z"
  })
  void readsSecondsMillisMicrosAndNanosByMagnitude(String value, String expected) {
    assertThat(IngestTime.parse(value, "from", NOW)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void defaultsToTheReceiptTimeWhenAbsent(String value) {
    assertThat(IngestTime.parse(value, "from", NOW)).isEqualTo(NOW);
    assertThat(IngestTime.parse(null, "from", NOW)).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "1.5", "-1", "99999999999999999999"})
  void refusesWhatIsNotAUnixTime(String value) {
    assertThatThrownBy(() -> IngestTime.parse(value, "until", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("until must");
  }
}
