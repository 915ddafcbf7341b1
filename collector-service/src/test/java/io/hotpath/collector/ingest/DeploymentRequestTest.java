package io.hotpath.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.deployment.DeploymentRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeploymentRequestTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final UUID NEW_ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

  static DeploymentRecorded convert(String json) {
    return IngestJson.read(json.getBytes(StandardCharsets.UTF_8), DeploymentRequest.class)
        .toEvent("demo", NOW, NEW_ID);
  }

  @Test
  void convertsADeploymentWithItsOptimizations() {
    DeploymentRecorded event =
        convert(
            """
            {"eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "service": "checkout",
             "environment": "prod", "version": "1.4.3", "previousVersion": "1.4.2",
             "optimizationIds": ["BTLNK-001", " BTLNK-002 "], "rollbackTarget": "1.4.2",
             "timestamp": "2026-11-26T11:00:00Z"}
            """);

    assertThat(event.eventId()).isEqualTo(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.version()).isEqualTo("1.4.3");
    assertThat(event.previousVersion()).isEqualTo("1.4.2");
    assertThat(event.optimizationIds()).containsExactly("BTLNK-001", "BTLNK-002");
    assertThat(event.rollbackTarget()).isEqualTo("1.4.2");
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
  }

  @Test
  void needsOnlyServiceEnvironmentAndVersion() {
    DeploymentRecorded event =
        convert("{\"service\": \"checkout\", \"environment\": \"prod\", \"version\": \"2\"}");

    assertThat(event.eventId()).isEqualTo(NEW_ID);
    assertThat(event.eventTime()).isEqualTo(NOW);
    assertThat(event.optimizationIds()).isEmpty();
    assertThat(event.previousVersion()).isNull();
  }

  @Test
  void rejectsBlankOptimizationIdsWithTheirIndex() {
    assertThatThrownBy(
            () ->
                convert(
                    "{\"service\": \"checkout\", \"environment\": \"prod\", \"version\": \"2\","
                        + " \"optimizationIds\": [\"BTLNK-001\", \" \"]}"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation("/optimizationIds/1", "optimizationIds[1] is required")));
  }

  @Test
  void rejectsMissingVersion() {
    assertThatThrownBy(() -> convert("{\"service\": \"checkout\", \"environment\": \"prod\"}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("version is required (at /version)");
  }
}
