package io.hotpath.contracts.telemetry;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One distinct call stack and the value measured on it, aggregated over the profile's window.
 *
 * @param frames frame names, root first, leaf last
 * @param value the leaf's self value in the profile's unit (samples, nanoseconds, bytes, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackSample(List<String> frames, long value) {
  public StackSample {
    frames = List.copyOf(require(frames, "frames"));
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("frames must hold at least one frame");
    }
  }
}
