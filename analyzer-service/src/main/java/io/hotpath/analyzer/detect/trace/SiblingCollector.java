package io.hotpath.analyzer.detect.trace;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Groups the spans of interest (queries, outgoing calls) by trace and parent, and names the parent.
 * An agent may export a request's child spans in one batch and its parent, which ends last, in the
 * next: children whose parent was not seen yet wait (bounded) for it. Children that end after their
 * parent (asynchronous work) come in a later batch than it: the spans that can be parents are
 * remembered by id for {@link #REMEMBERED_NANOS} of the service's span time. One collector per
 * detector; state per tenant and service, which counts against a {@link StateBudget}.
 *
 * <p>Spans of interest themselves are not remembered as parents: a query or an outgoing call has no
 * children in its own service. In the fleet bench they were most of the spans, and remembering
 * every span of every service (up to 20,000 each, with no limit in time) was most of the analyzer's
 * live heap.
 */
final class SiblingCollector {
  static final int SERVICES = 10_000;
  static final int PENDING_GROUPS_PER_SERVICE = 2_000;
  static final int KNOWN_SPANS_PER_SERVICE = 20_000;

  /** A minute: how long after its end a span is still found as the parent of a late child. */
  static final long REMEMBERED_NANOS = 60_000_000_000L;

  static final int MAX_CHILDREN_PER_GROUP = 5_000;

  /** Spans of one trace under one parent. */
  record Siblings(String traceId, String parentSpanId, String parentName, List<Span> children) {}

  /**
   * A span by trace and span id: a parent whose children are grouped, or a span whose name is
   * remembered. Ids in the lowercase hex OTLP uses (32 and 16 digits) are kept as three longs, not
   * as the parsed record's strings: a service's state remembers up to {@link
   * #KNOWN_SPANS_PER_SERVICE} spans; other ids are kept as they came.
   */
  private record SpanKey(long trace0, long trace1, long span, String traceText, String spanText) {
    /** Whether both ids are OTLP's hex, kept as the three longs alone. */
    boolean hex() {
      return traceText == null && spanText == null;
    }

    static SpanKey of(String traceId, String spanId) {
      long trace0 = traceId.length() == 32 ? hex(traceId, 0) : -1;
      long trace1 = trace0 != -1 ? hex(traceId, 16) : -1;
      boolean hexTrace = trace0 != -1 && trace1 != -1;
      long span = spanId.length() == 16 ? hex(spanId, 0) : -1;
      boolean hexSpan = span != -1;
      return new SpanKey(
          hexTrace ? trace0 : 0,
          hexTrace ? trace1 : 0,
          hexSpan ? span : 0,
          hexTrace ? null : traceId,
          hexSpan ? null : spanId);
    }

    /**
     * The 16 lowercase hex digits from {@code from} as 64 bits, or -1 when they are not all such
     * digits. (All-f ids, whose value is -1, are kept as text: correct, only not compact.)
     */
    private static long hex(String id, int from) {
      long value = 0;
      for (int i = from; i < from + 16; i++) {
        char c = id.charAt(i);
        int digit;
        if (c >= '0' && c <= '9') {
          digit = c - '0';
        } else if (c >= 'a' && c <= 'f') {
          digit = c - 'a' + 10;
        } else {
          return -1;
        }
        value = value << 4 | digit;
      }
      return value;
    }
  }

  /** A span that may be a parent: its name, and when it ended. */
  private record Known(String name, long endNanos) {}

  /**
   * One service's spans: the children waiting for their parent, and the spans that may be parents.
   * Weighed for a {@link StateBudget}.
   */
  private static final class ServiceState extends BoundedMap.Weighed {
    /** A waiting group's map entry, key and list. */
    static final int GROUP_BYTES = 64 + 56 + 40;

    /**
     * A waiting child: a parsed span with its ids, name and a few attributes, of which only this
     * list keeps a reference.
     */
    static final int WAITING_SPAN_BYTES = 600;

    /** A remembered span whose ids are not OTLP's hex: entry, key, value and id strings. */
    static final int TEXT_KNOWN_BYTES = 40 + 48 + 24 + 2 * 72;

    final Map<SpanKey, List<Span>> pending =
        new BoundedMap<>(PENDING_GROUPS_PER_SERVICE) {
          @Override
          protected void forgotten(List<Span> group) {
            waiting -= group.size();
          }
        };

    /** How many children {@code pending} holds. */
    long waiting;

    /** The spans with hex ids, the oldest first. */
    final RememberedSpans known = new RememberedSpans(KNOWN_SPANS_PER_SERVICE);

    /** The other spans, in the order they came. */
    final LinkedHashMap<SpanKey, Known> knownByText = new LinkedHashMap<>();

    void remember(SpanKey key, String name, long endNanos) {
      if (key.hex()) {
        known.remember(key.trace0(), key.trace1(), key.span(), name, endNanos);
        return;
      }
      knownByText.put(key, new Known(name, endNanos));
      if (knownByText.size() > KNOWN_SPANS_PER_SERVICE) {
        Iterator<Known> oldest = knownByText.values().iterator();
        oldest.next();
        oldest.remove();
      }
    }

    String knownName(SpanKey key) {
      if (key.hex()) {
        return known.name(key.trace0(), key.trace1(), key.span());
      }
      Known span = knownByText.get(key);
      return span == null ? null : span.name();
    }

    /** Forgets the spans at the head that ended before {@code cutoffNanos}. */
    void forgetEndedBefore(long cutoffNanos) {
      known.forgetEndedBefore(cutoffNanos);
      Iterator<Known> oldest = knownByText.values().iterator();
      while (oldest.hasNext() && oldest.next().endNanos() < cutoffNanos) {
        oldest.remove();
      }
    }

    List<Span> removePending(SpanKey key) {
      List<Span> group = pending.remove(key);
      if (group != null) {
        waiting -= group.size();
      }
      return group;
    }

    void addPending(SpanKey key, List<Span> children) {
      List<Span> group = pending.computeIfAbsent(key, k -> new ArrayList<>());
      int room = MAX_CHILDREN_PER_GROUP - group.size();
      if (room > 0) {
        List<Span> added = children.size() <= room ? children : children.subList(0, room);
        group.addAll(added);
        waiting += added.size();
      }
    }

    @Override
    protected long bytes() {
      return known.bytes()
          + (long) knownByText.size() * TEXT_KNOWN_BYTES
          + (long) pending.size() * GROUP_BYTES
          + waiting * WAITING_SPAN_BYTES;
    }
  }

  /**
   * One copy of each span name for every service: each parsed span has its own copy of its name,
   * and a fleet's services share most of their span names.
   */
  private static final Map<String, String> SPAN_NAMES =
      Collections.synchronizedMap(new BoundedMap<>(10_000));

  private static String shared(String name) {
    String known = SPAN_NAMES.putIfAbsent(name, name);
    return known == null ? name : known;
  }

  private final Predicate<Span> interesting;
  private final BoundedMap.Budgeted<String, ServiceState> services;

  /**
   * @param interesting the spans grouped under their parent; the others are remembered as parents
   * @param budget what the services' spans count against
   * @param name the detector's name in the budget's eviction reports
   */
  SiblingCollector(Predicate<Span> interesting, StateBudget budget, String name) {
    this.interesting = interesting;
    this.services = BoundedMap.weighed(SERVICES, budget, name);
  }

  /** The groups that are complete with this batch: their parent is known. */
  List<Siblings> collect(SpansReceived batch) {
    String serviceKey = batch.tenant() + '/' + batch.service();
    ServiceState state = services.computeIfAbsent(serviceKey, k -> new ServiceState());
    List<Span> spans = batch.spans();
    SpanKey[] keys = new SpanKey[spans.size()];
    boolean[] ofInterest = new boolean[keys.length];
    Map<SpanKey, String> names = new HashMap<>();
    long newestEnd = Long.MIN_VALUE;
    for (int i = 0; i < keys.length; i++) {
      Span span = spans.get(i);
      keys[i] = SpanKey.of(span.traceId(), span.spanId());
      String name = shared(span.name());
      names.put(keys[i], name);
      ofInterest[i] = interesting.test(span);
      if (!ofInterest[i]) {
        state.remember(keys[i], name, span.endEpochNanos());
      }
      newestEnd = Math.max(newestEnd, span.endEpochNanos());
    }
    if (newestEnd > Long.MIN_VALUE + REMEMBERED_NANOS) {
      state.forgetEndedBefore(newestEnd - REMEMBERED_NANOS);
    }
    Map<SpanKey, List<Span>> groups = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      Span span = spans.get(i);
      if (span.parentSpanId() != null && ofInterest[i]) {
        List<Span> group =
            groups.computeIfAbsent(
                SpanKey.of(span.traceId(), span.parentSpanId()), k -> new ArrayList<>());
        if (group.size() < MAX_CHILDREN_PER_GROUP) {
          group.add(span);
        }
      }
    }
    // Waiting children whose parent is in this batch join their group.
    for (SpanKey key : keys) {
      List<Span> waiting = state.removePending(key);
      if (waiting != null) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).addAll(0, waiting);
      }
    }
    List<Siblings> complete = new ArrayList<>();
    for (Map.Entry<SpanKey, List<Span>> entry : groups.entrySet()) {
      SpanKey key = entry.getKey();
      String parent = names.get(key);
      if (parent == null) {
        parent = state.knownName(key);
      }
      if (parent == null) {
        state.addPending(key, entry.getValue());
      } else {
        // The ids as sent: every child of the group carries them.
        Span child = entry.getValue().get(0);
        complete.add(
            new Siblings(child.traceId(), child.parentSpanId(), parent.trim(), entry.getValue()));
      }
    }
    services.charge(serviceKey);
    return complete;
  }
}
