package io.hotpath.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResourcesRequestTest {
  static final String VALID =
      """
      {"service": "checkout", "environment": "prod", "version": "1.4.2", "instance": "pod-1",
       "samples": [
         {"time": "2026-11-26T10:00:15Z", "cpuPercent": 68.0, "heapAfterGcMb": 305.9},
         {"time": "2026-11-26T10:00:00Z", "cpuPercent": 73.5, "heapUsedMb": 512.0,
          "heapAfterGcMb": 301.2, "rssMb": 780.4, "dbConnectionsActive": 8,
          "dbConnectionsMax": 10, "dbConnectionsPending": 2}]}
      """;

  static ResourcesSampled convert(String json) {
    return ReportRequests.convert(json, ResourcesRequest.class, ResourcesSampled.class);
  }

  static void assertRejected(String json, String pointer, String detail) {
    ReportRequests.assertRejected(json, ResourcesRequest.class, pointer, detail);
  }

  @Test
  void convertsSamplesAndTakesTheLatestSampleTimeAsEventTime() {
    ResourcesSampled event = convert(VALID);

    assertThat(event.instance()).isEqualTo("pod-1");
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-26T10:00:15Z"));
    assertThat(event.samples())
        .containsExactly(
            new ResourceSample(
                Instant.parse("2026-11-26T10:00:15Z"), 68.0, null, 305.9, null, null, null, null),
            new ResourceSample(
                Instant.parse("2026-11-26T10:00:00Z"), 73.5, 512.0, 301.2, 780.4, 8, 10, 2));
  }

  @Test
  void requiresATimeAndAMeasurementInEverySample() {
    String json =
        VALID.replace(
            "{\"time\": \"2026-11-26T10:00:15Z\", \"cpuPercent\": 68.0, \"heapAfterGcMb\": 305.9}",
            "{\"note\": \"empty\"}");
    assertRejected(json, "/samples/0/time", "time is required");
    assertRejected(json, "/samples/0", "a sample must hold at least one measurement");
  }

  @Test
  void refusesNegativeMeasurementsWithTheirPointers() {
    String json =
        VALID
            .replace("\"rssMb\": 780.4", "\"rssMb\": -1")
            .replace("\"dbConnectionsMax\": 10", "\"dbConnectionsMax\": -10");
    assertRejected(json, "/samples/1/rssMb", "rssMb must be a finite number, not negative");
    assertRejected(json, "/samples/1/dbConnectionsMax", "dbConnectionsMax must not be negative");
  }

  @Test
  void refusesAFractionForAConnectionCount() {
    assertRejected(
        VALID.replace("\"dbConnectionsActive\": 8", "\"dbConnectionsActive\": 8.5"),
        "/samples/1/dbConnectionsActive",
        "dbConnectionsActive must be an integer");
  }

  @Test
  void refusesASampleThatIsNotAnObject() {
    assertRejected(
        VALID.replace("\"samples\": [", "\"samples\": [null, "),
        "/samples/0",
        "samples[0] must be an object");
  }
}
