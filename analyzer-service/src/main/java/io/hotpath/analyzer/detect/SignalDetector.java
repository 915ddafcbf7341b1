package io.hotpath.analyzer.detect;

import io.hotpath.contracts.HotpathEvent;
import java.util.List;

/**
 * One class of bottleneck, found in one kind of telemetry event (spans, metrics, profiles or a
 * report). Unlike a {@link Detector} it may keep windows across events, per tenant and service (the
 * record key, so the windows partition with the consumer's partitions). No I/O.
 *
 * @param <E> the event type it reads
 */
public interface SignalDetector<E extends HotpathEvent> {

  /** The event type it reads; events of other types are never passed to it. */
  Class<E> input();

  /**
   * Folds {@code event} into this detector's windows and returns the bottlenecks they show now;
   * empty when none. Called with the events of one tenant and service in record order.
   */
  List<Finding> observe(E event, Thresholds thresholds);
}
