package io.hotpath.analyzer.detect;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Bottleneck analysis split by service. Each shard has detectors, sightings and a {@link NoiseGate}
 * of its own, and every event of one tenant's service goes to the same shard, so a service's
 * windows, series, remembered spans and published bottlenecks live in one place, as with a single
 * shard.
 *
 * <p>A detector observes one event at a time, and the gate admits one event's findings at a time.
 * With one of each, the analysis threads queue behind the busiest lock, whatever service their
 * events are of; with shards, the events of services in different shards pass through the same kind
 * of detector at once. What bounds the state stays one for all shards: detectors charge the same
 * {@link StateBudget}, and the one adding forgets the least recently active services of its own
 * shard.
 */
public final class ShardedAnalyzer {

  /** One shard: its detectors (with their sightings) and the gate of what they find. */
  public record Shard(BottleneckAnalyzer analyzer, NoiseGate gate) {
    public Shard {
      Objects.requireNonNull(analyzer, "analyzer");
      Objects.requireNonNull(gate, "gate");
    }
  }

  private final List<Shard> shards;

  /**
   * @param shards at least one; no two sharing a detector, their sightings or their gate
   */
  public ShardedAnalyzer(List<Shard> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("an analyzer needs at least one shard");
    }
    this.shards = List.copyOf(shards);
  }

  /** All of the analysis in one shard. */
  public static ShardedAnalyzer of(BottleneckAnalyzer analyzer, NoiseGate gate) {
    return new ShardedAnalyzer(List.of(new Shard(analyzer, gate)));
  }

  /**
   * Analyzes one event in the shard of its tenant's service; the bottlenecks its gate lets through
   * now (see {@link NoiseGate#admit}).
   */
  public List<BottleneckDetected> analyze(HotpathEvent event) {
    Shard shard = shards.get(shardOf(event));
    return shard.gate().admit(event, shard.analyzer().analyze(event));
  }

  /** These were acknowledged by Kafka; each shard's gate hears of its own. */
  public void published(List<BottleneckDetected> events) {
    byShard(events, NoiseGate::published);
  }

  /** These could not be sent; each shard's gate hears of its own (see {@link NoiseGate#failed}). */
  public void failed(List<BottleneckDetected> events) {
    byShard(events, NoiseGate::failed);
  }

  private void byShard(
      List<BottleneckDetected> events, BiConsumer<NoiseGate, List<BottleneckDetected>> tell) {
    if (events.isEmpty()) {
      return;
    }
    List<List<BottleneckDetected>> byShard = new ArrayList<>(shards.size());
    for (int i = 0; i < shards.size(); i++) {
      byShard.add(new ArrayList<>());
    }
    for (BottleneckDetected event : events) {
      byShard.get(shardOf(event)).add(event);
    }
    for (int i = 0; i < shards.size(); i++) {
      if (!byShard.get(i).isEmpty()) {
        tell.accept(shards.get(i).gate(), byShard.get(i));
      }
    }
  }

  /** The published bottlenecks of every shard that are gone now (see {@link NoiseGate#gone}). */
  public List<BottleneckDetected> gone() {
    List<BottleneckDetected> gone = new ArrayList<>();
    for (Shard shard : shards) {
      gone.addAll(shard.gate().gone());
    }
    return gone;
  }

  /** The shards, in the order {@link #shardOf} numbers them. */
  public List<Shard> shards() {
    return shards;
  }

  /**
   * The shard of the event's tenant and service: the same for every event of that service, and for
   * the bottlenecks found in them. It is the shard of the event's record key ({@link #shardOfKey}).
   */
  public int shardOf(HotpathEvent event) {
    return spread(keyHash(event.tenant(), event.service()));
  }

  /**
   * The shard of the events whose record key is this ({@code tenant/service}, as {@code
   * PartitionKeys} writes it), so that records can be grouped by shard before they are read.
   */
  public int shardOfKey(String key) {
    return spread(Objects.hashCode(key));
  }

  /** {@code (tenant + "/" + service).hashCode()}, without building the string per event. */
  static int keyHash(String tenant, String service) {
    int hash = 31 * Objects.requireNonNullElse(tenant, "null").hashCode() + '/';
    String name = Objects.requireNonNullElse(service, "null");
    for (int i = 0; i < name.length(); i++) {
      hash *= 31;
    }
    return hash + name.hashCode();
  }

  private int spread(int hash) {
    // String hashes of similar names differ mostly in their low bits; spread the high ones down.
    return Math.floorMod(hash ^ (hash >>> 16), shards.size());
  }
}
