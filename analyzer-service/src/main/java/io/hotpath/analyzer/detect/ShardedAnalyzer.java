package io.hotpath.analyzer.detect;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import java.util.List;
import java.util.Objects;

/**
 * Bottleneck analysis split by service. Each shard is a {@link BottleneckAnalyzer} with detectors
 * and sightings of its own, and every event of one tenant's service goes to the same shard, so a
 * service's windows, series and remembered spans live in one place, as with a single analyzer.
 *
 * <p>A detector observes one event at a time. With one set of detectors, the analysis threads queue
 * behind the busiest detector's lock, whatever service their events are of; with shards, the events
 * of services in different shards pass through the same kind of detector at once. What bounds the
 * state stays one for all shards: detectors charge the same {@link StateBudget}, and the one adding
 * forgets the least recently active services of its own shard.
 */
public final class ShardedAnalyzer {
  private final List<BottleneckAnalyzer> shards;

  /**
   * @param shards at least one; each with its own detector instances and {@link Sightings}
   */
  public ShardedAnalyzer(List<BottleneckAnalyzer> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("an analyzer needs at least one shard");
    }
    this.shards = List.copyOf(shards);
  }

  /** All of the analysis in one shard. */
  public static ShardedAnalyzer of(BottleneckAnalyzer analyzer) {
    return new ShardedAnalyzer(List.of(analyzer));
  }

  /** The bottlenecks in one event, from the shard of its tenant's service. */
  public List<BottleneckDetected> analyze(HotpathEvent event) {
    return shards.get(shardOf(event)).analyze(event);
  }

  /** The shards, in the order {@link #shardOf} numbers them. */
  public List<BottleneckAnalyzer> shards() {
    return shards;
  }

  /** The shard of the event's tenant and service: the same for every event of that service. */
  public int shardOf(HotpathEvent event) {
    int hash = 31 * Objects.hashCode(event.tenant()) + Objects.hashCode(event.service());
    // String hashes of similar names differ mostly in their low bits; spread the high ones down.
    return Math.floorMod(hash ^ (hash >>> 16), shards.size());
  }
}
