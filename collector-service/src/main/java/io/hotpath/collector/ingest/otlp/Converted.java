package io.hotpath.collector.ingest.otlp;

import java.util.List;

/**
 * The canonical events one OTLP request became, and what of it was refused.
 *
 * @param rejected how many spans or data points were refused (OTLP's {@code rejected_spans} or
 *     {@code rejected_data_points})
 * @param errorMessage why, in English; empty when nothing was refused
 */
public record Converted<E>(List<E> events, long rejected, String errorMessage) {
  public Converted {
    events = List.copyOf(events);
  }
}
