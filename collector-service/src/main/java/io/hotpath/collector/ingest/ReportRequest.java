package io.hotpath.collector.ingest;

import io.hotpath.contracts.telemetry.TelemetryReport;
import java.time.Instant;
import java.util.UUID;

/**
 * A Hotpath JSON report as an agent posts it under {@code /api/v1/reports/}: read by {@link
 * IngestJson}, checked and turned into the {@link TelemetryReport} it stands for by {@link
 * #toEvent}.
 */
public interface ReportRequest {

  /**
   * Checks the request and builds the event.
   *
   * @param tenant from the caller's token
   * @param receivedAt the event time when the agent sent none
   * @param newId used only when the agent sent no eventId
   * @throws InvalidRequestException naming every problem and where it is
   */
  TelemetryReport toEvent(String tenant, Instant receivedAt, UUID newId);
}
