package io.hotpath.analyzer.detect;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a steady problem from flooding the bottlenecks topic, and says when one is gone.
 *
 * <ul>
 *   <li>A fingerprint is first published once {@link Sightings} counted it in at least {@code
 *       min-sightings} distinct events (threshold key {@code <type>.min-sightings}, else {@code
 *       noise.min-sightings}; defaults in {@link #DEFAULT_MIN_SIGHTINGS}).
 *   <li>After that, only when its severity changes, when its impact moves by more than the impact
 *       band (a fraction of the last published impact), or when the last publication is older than
 *       the refresh period.
 *   <li>A published fingerprint that was not observed for {@code gone-after}, while its service
 *       kept sending the kind of event that had shown it, is published once more with {@link
 *       BottleneckState#GONE} and forgotten. A service that sends nothing keeps its bottlenecks.
 * </ul>
 *
 * <p>Deciding ({@link #admit}) and recording a publication ({@link #published}) are separate steps.
 * Between them the admitted event is in flight: later events are judged against it, so a second
 * event of the service does not publish the same news again while the first is being sent, and a
 * send that failed ({@link #failed}) is forgotten, so the next observation decides again. Times are
 * the analyzer's clock, not event time: "not observed for 30 minutes" is about now. In memory and
 * bounded; safe for use from several threads.
 */
public final class NoiseGate {
  /** Generic key; a type's own {@code <type>.min-sightings} wins over it. */
  public static final String MIN_SIGHTINGS = "noise.min-sightings";

  /** Used when neither key is configured. */
  public static final int DEFAULT_MIN_SIGHTINGS_WINDOWED = 2;

  /** One event is proof enough for these: a start, or the shape of one trace. */
  public static final Map<BottleneckType, Integer> DEFAULT_MIN_SIGHTINGS;

  static {
    Map<BottleneckType, Integer> defaults = new EnumMap<>(BottleneckType.class);
    for (BottleneckType type : BottleneckType.values()) {
      defaults.put(type, DEFAULT_MIN_SIGHTINGS_WINDOWED);
    }
    defaults.put(BottleneckType.SLOW_STARTUP, 1);
    defaults.put(BottleneckType.N_PLUS_ONE, 1);
    defaults.put(BottleneckType.SEQUENTIAL_QUERIES, 1);
    DEFAULT_MIN_SIGHTINGS = Map.copyOf(defaults);
  }

  /**
   * @param impactBand publish again when the impact moved by more than this fraction
   * @param refresh publish again when the last publication is at least this old
   * @param goneAfter not observed for this long: GONE
   * @param capacity fingerprints remembered, least recently observed forgotten first
   */
  public record Settings(double impactBand, Duration refresh, Duration goneAfter, int capacity) {
    public Settings {
      if (impactBand < 0 || capacity < 1) {
        throw new IllegalArgumentException("impactBand >= 0 and capacity >= 1 required");
      }
      Objects.requireNonNull(refresh, "refresh");
      Objects.requireNonNull(goneAfter, "goneAfter");
    }
  }

  /** The threshold-key form of a type: {@code N_PLUS_ONE -> n-plus-one}. */
  public static String typeKey(BottleneckType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static final class State {
    /** The kind of event that showed it last: GONE waits for newer events of that kind. */
    Class<?> input;

    BottleneckDetected lastObserved;
    Instant observedAt;
    Severity publishedSeverity;
    double publishedImpact;
    Instant publishedAt;

    /** Admitted and not yet acknowledged or failed; null when nothing is in flight. */
    BottleneckDetected inFlight;

    Instant inFlightAt;

    State(Class<?> input) {
      this.input = input;
    }
  }

  private final Settings settings;
  private final Thresholds thresholds;
  private final Clock clock;
  private final Map<String, State> states;

  /** When each (tenant, service, event type) last sent anything, to tell gone from silent. */
  private final Map<String, Instant> lastInput;

  public NoiseGate(Settings settings, Thresholds thresholds, Clock clock) {
    this.settings = settings;
    this.thresholds = thresholds;
    this.clock = clock;
    this.states = new BoundedMap<>(settings.capacity());
    this.lastInput = new BoundedMap<>(settings.capacity());
  }

  /**
   * Records that {@code source} was analyzed and showed {@code detected}; returns those to publish
   * now. Call {@link #published} once they were acknowledged, or {@link #failed} if they could not
   * be sent.
   */
  public synchronized List<BottleneckDetected> admit(
      HotpathEvent source, List<BottleneckDetected> detected) {
    Instant now = clock.instant();
    lastInput.put(inputKey(source.tenant(), source.service(), source.getClass()), now);
    List<BottleneckDetected> publish = new ArrayList<>();
    for (BottleneckDetected event : detected) {
      State state = states.computeIfAbsent(event.fingerprint(), f -> new State(source.getClass()));
      state.input = source.getClass();
      state.lastObserved = event;
      state.observedAt = now;
      if (shouldPublish(state, event, now)) {
        publish.add(event);
        state.inFlight = event;
        state.inFlightAt = now;
      }
    }
    return publish;
  }

  private boolean shouldPublish(State state, BottleneckDetected event, Instant now) {
    if (state.inFlight != null) {
      return changed(
          state.inFlight.severity(), state.inFlight.impact().value(), state.inFlightAt, event, now);
    }
    if (state.publishedAt == null) {
      return event.occurrences() >= minSightings(event);
    }
    return changed(state.publishedSeverity, state.publishedImpact, state.publishedAt, event, now);
  }

  /** Whether the event says something new against what was last published (or is being sent). */
  private boolean changed(
      Severity severity, double impact, Instant at, BottleneckDetected event, Instant now) {
    if (event.severity() != severity) {
      return true;
    }
    if (outOfBand(impact, event.impact().value())) {
      return true;
    }
    return !now.isBefore(at.plus(settings.refresh()));
  }

  private boolean outOfBand(double published, double now) {
    if (published == 0) {
      return now != 0;
    }
    return Math.abs(now - published) / Math.abs(published) > settings.impactBand();
  }

  private int minSightings(BottleneckDetected event) {
    double generic =
        thresholds.get(
            event.tenant(),
            event.service(),
            MIN_SIGHTINGS,
            DEFAULT_MIN_SIGHTINGS.get(event.type()));
    return (int)
        Math.ceil(
            thresholds.get(
                event.tenant(),
                event.service(),
                typeKey(event.type()) + ".min-sightings",
                generic));
  }

  /** These were acknowledged by Kafka: the bands and the refresh now count from them. */
  public synchronized void published(List<BottleneckDetected> events) {
    Instant now = clock.instant();
    for (BottleneckDetected event : events) {
      State state = states.get(event.fingerprint());
      if (state == null) {
        continue;
      }
      if (event.state() == BottleneckState.GONE) {
        // Only if nothing observed it again since the GONE was built.
        if (state.lastObserved != null && !state.observedAt.isAfter(event.eventTime())) {
          states.remove(event.fingerprint());
        }
      } else {
        state.publishedSeverity = event.severity();
        state.publishedImpact = event.impact().value();
        state.publishedAt = now;
        if (isInFlight(state, event)) {
          state.inFlight = null;
        }
      }
    }
  }

  /**
   * These could not be sent: they are no longer in flight, and the next observation of each is
   * judged against what was last published, as if they had never been admitted.
   */
  public synchronized void failed(List<BottleneckDetected> events) {
    for (BottleneckDetected event : events) {
      State state = states.get(event.fingerprint());
      if (state != null && isInFlight(state, event)) {
        state.inFlight = null;
      }
    }
  }

  private static boolean isInFlight(State state, BottleneckDetected event) {
    return state.inFlight != null && state.inFlight.eventId().equals(event.eventId());
  }

  /**
   * The published bottlenecks that are gone now, as GONE events; call {@link #published} with those
   * that were acknowledged. Their ids are derived from the last observation, so a retry emits the
   * same ids.
   */
  public synchronized List<BottleneckDetected> gone() {
    Instant now = clock.instant();
    List<BottleneckDetected> gone = new ArrayList<>();
    Map<String, State> copy = new HashMap<>(states);
    for (Map.Entry<String, State> entry : copy.entrySet()) {
      State state = entry.getValue();
      if (state.publishedAt == null || now.isBefore(state.observedAt.plus(settings.goneAfter()))) {
        continue;
      }
      BottleneckDetected last = state.lastObserved;
      Instant input = lastInput.get(inputKey(last.tenant(), last.service(), state.input));
      if (input == null || !input.isAfter(state.observedAt)) {
        continue;
      }
      gone.add(goneEvent(last, state.observedAt, now));
    }
    return gone;
  }

  private static BottleneckDetected goneEvent(
      BottleneckDetected last, Instant observedAt, Instant now) {
    Evidence evidence = last.evidence();
    Evidence goneEvidence =
        new Evidence(
            "not observed since " + observedAt + "; last seen: " + evidence.description(),
            evidence.measurements(),
            evidence.windowStart(),
            evidence.windowEnd(),
            evidence.sourceEventIds(),
            evidence.traceIds(),
            evidence.spanIds(),
            evidence.stack());
    return new BottleneckDetected(
        EventIds.derived(last.eventId(), last.fingerprint(), BottleneckState.GONE.name()),
        last.schemaVersion(),
        last.tenant(),
        last.service(),
        last.environment(),
        last.version(),
        last.instance(),
        now,
        last.fingerprint(),
        last.type(),
        last.severity(),
        last.location(),
        last.impact(),
        goneEvidence,
        last.firstSeen(),
        last.lastSeen(),
        last.occurrences(),
        BottleneckState.GONE);
  }

  private static String inputKey(String tenant, String service, Class<?> input) {
    return tenant + '\u001f' + service + '\u001f' + input.getName();
  }

  /** How many fingerprints are remembered. */
  public synchronized int size() {
    return states.size();
  }
}
