package io.hotpath.analyzer.messaging;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import java.util.List;

/**
 * What analyzing one record came to: its event and the bottlenecks to publish, or a repeat of an
 * event already processed (nothing to publish), or the failure that sends it to the dead-letter
 * topic.
 *
 * @param event the record's event; null when it could not be read
 * @param bottlenecks to publish; null for a repeat or a failure
 * @param failure why the record goes to the dead-letter topic; null otherwise
 */
record Outcome(HotpathEvent event, List<BottleneckDetected> bottlenecks, Throwable failure) {
  static Outcome analyzed(HotpathEvent event, List<BottleneckDetected> bottlenecks) {
    return new Outcome(event, List.copyOf(bottlenecks), null);
  }

  static Outcome repeat(HotpathEvent event) {
    return new Outcome(event, null, null);
  }

  static Outcome failed(Throwable failure) {
    return new Outcome(null, null, failure);
  }
}
