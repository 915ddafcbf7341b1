package io.hotpath.collector.service;

/**
 * What an accepted OTLP export ended as: everything kept, or a partial success.
 *
 * @param rejected spans or data points refused; 0 when all were kept
 * @param errorMessage why, in English; empty when nothing was refused
 */
public record OtlpOutcome(long rejected, String errorMessage) {
  public boolean isPartial() {
    return rejected > 0;
  }
}
