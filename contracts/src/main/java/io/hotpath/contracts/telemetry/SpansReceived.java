package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.requireHeader;
import static io.hotpath.contracts.Events.requireList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hotpath.contracts.HotpathEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A batch of spans of one service instance, as one agent export delivered them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpansReceived(
    UUID eventId,
    int schemaVersion,
    String tenant,
    String service,
    String environment,
    String version,
    String instance,
    Instant eventTime,
    List<Span> spans)
    implements HotpathEvent {
  public SpansReceived {
    requireHeader(eventId, schemaVersion, tenant, service, environment, version, eventTime);
    spans = requireList(spans, "spans");
  }
}
