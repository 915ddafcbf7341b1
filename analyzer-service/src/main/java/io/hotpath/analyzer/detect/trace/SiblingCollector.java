package io.hotpath.analyzer.detect.trace;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Groups the spans of interest (queries, outgoing calls) by trace and parent, and names the parent.
 * An agent may export a request's child spans in one batch and its parent, which ends last, in the
 * next: children whose parent was not seen yet wait (bounded) for it, and parents seen recently are
 * remembered by id. One collector per detector; state per tenant and service.
 */
final class SiblingCollector {
  static final int SERVICES = 10_000;
  static final int PENDING_GROUPS_PER_SERVICE = 2_000;
  static final int KNOWN_SPANS_PER_SERVICE = 20_000;
  static final int MAX_CHILDREN_PER_GROUP = 5_000;

  /** Spans of one trace under one parent. */
  record Siblings(String traceId, String parentSpanId, String parentName, List<Span> children) {}

  /**
   * A span by trace and span id: a parent whose children are grouped, or a span whose name is
   * remembered. A record rather than a joined string: no copy of both ids per span, and the ids'
   * own cached hashes serve every lookup.
   */
  private record SpanKey(String traceId, String spanId) {}

  private static final class ServiceState {
    final Map<SpanKey, List<Span>> pending = new BoundedMap<>(PENDING_GROUPS_PER_SERVICE);
    final Map<SpanKey, String> names = new BoundedMap<>(KNOWN_SPANS_PER_SERVICE);
  }

  private final Predicate<Span> interesting;
  private final Map<String, ServiceState> services = new BoundedMap<>(SERVICES);

  SiblingCollector(Predicate<Span> interesting) {
    this.interesting = interesting;
  }

  /** The groups that are complete with this batch: their parent is known. */
  List<Siblings> collect(SpansReceived batch) {
    ServiceState state =
        services.computeIfAbsent(batch.tenant() + '/' + batch.service(), k -> new ServiceState());
    for (Span span : batch.spans()) {
      state.names.put(new SpanKey(span.traceId(), span.spanId()), span.name());
    }
    Map<SpanKey, List<Span>> groups = new LinkedHashMap<>();
    for (Span span : batch.spans()) {
      if (span.parentSpanId() != null && interesting.test(span)) {
        List<Span> group =
            groups.computeIfAbsent(
                new SpanKey(span.traceId(), span.parentSpanId()), k -> new ArrayList<>());
        if (group.size() < MAX_CHILDREN_PER_GROUP) {
          group.add(span);
        }
      }
    }
    // Waiting children whose parent is in this batch join their group.
    for (Span span : batch.spans()) {
      SpanKey key = new SpanKey(span.traceId(), span.spanId());
      List<Span> waiting = state.pending.remove(key);
      if (waiting != null) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).addAll(0, waiting);
      }
    }
    List<Siblings> complete = new ArrayList<>();
    for (Map.Entry<SpanKey, List<Span>> entry : groups.entrySet()) {
      SpanKey key = entry.getKey();
      String parent = state.names.get(key);
      if (parent == null) {
        List<Span> waiting = state.pending.computeIfAbsent(key, k -> new ArrayList<>());
        if (waiting.size() < MAX_CHILDREN_PER_GROUP) {
          waiting.addAll(entry.getValue());
        }
      } else {
        complete.add(new Siblings(key.traceId(), key.spanId(), parent.trim(), entry.getValue()));
      }
    }
    return complete;
  }
}
