package io.hotpath.planner.service;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The implementation order of one service's plans. Plans are ranked by severity, then impact per
 * person-day of effort; two plans that touch the same function, query or component (the same
 * location subject, or the same application frame at the top of their stacks) depend on each other,
 * the higher-ranked one first; a playbook's {@code after} makes its plans depend on the service's
 * plans of those types. The order is topological. A cycle (possible through {@code after}) is
 * detected and reported, never looped on: it is broken by letting the best-ranked plan of the cycle
 * go first, and the edge dropped is marked broken.
 */
public final class DependencyGraph {
  /** The ranking before dependencies: most severe, then most impact per effort, then oldest. */
  static final Comparator<Node> RANKING =
      Comparator.comparing(Node::severity)
          .thenComparing(Comparator.comparingDouble(Node::impactPerEffort).reversed())
          .thenComparing(Node::firstSeen)
          .thenComparing(Node::fingerprint);

  private static final Pattern SUBJECT = Pattern.compile("^(?:frame|lock|regression):(.+)$");

  private DependencyGraph() {}

  /**
   * One plan as the order sees it.
   *
   * @param touches what the plan changes: see {@link #touches(BottleneckDetected)}
   * @param after types whose plans in the same service must go first
   */
  public record Node(
      String planId,
      String fingerprint,
      BottleneckType type,
      Severity severity,
      String location,
      double impact,
      double effortDays,
      Instant firstSeen,
      Set<String> touches,
      Set<BottleneckType> after) {
    double impactPerEffort() {
      return effortDays > 0 ? impact / effortDays : impact;
    }
  }

  /**
   * {@code to} depends on {@code from}: {@code from} is implemented first.
   *
   * @param reasons why, e.g. {@code same com.acme.Orders.load} or {@code after SLOW_QUERY}
   * @param broken true where the edge closed a cycle and was dropped to break it
   */
  public record Edge(String from, String to, List<String> reasons, boolean broken) {}

  /**
   * The order and the graph behind it.
   *
   * @param order the plans, first to implement first
   * @param cycles each cycle found, as plan ids where each depends on the next and the last on the
   *     first
   */
  public record Result(List<Node> order, List<Edge> edges, List<List<String>> cycles) {
    /** 1-based place of a plan in the order; 0 when it is not in it. */
    public int rankOf(String planId) {
      for (int i = 0; i < order.size(); i++) {
        if (order.get(i).planId().equals(planId)) {
          return i + 1;
        }
      }
      return 0;
    }

    /** The plans that go before this one, as the order respects them. */
    public List<String> dependsOn(String planId) {
      return edges.stream()
          .filter(edge -> edge.to().equals(planId) && !edge.broken())
          .map(Edge::from)
          .sorted(Comparator.comparingInt(this::rankOf))
          .toList();
    }
  }

  /**
   * What a bottleneck's fix changes: the subject of its location ({@code frame:}, {@code lock:} and
   * {@code regression:} stripped, so a hot frame, a lock at that frame and a regression of it meet)
   * and the top application frame of its exemplar stack (JDK frames skipped).
   */
  public static Set<String> touches(BottleneckDetected bottleneck) {
    Set<String> keys = new TreeSet<>();
    keys.add(subject(bottleneck.location()));
    List<String> stack = bottleneck.evidence().stack();
    for (int i = stack.size() - 1; i >= 0; i--) {
      String frame = stack.get(i);
      if (!isRuntimeFrame(frame)) {
        keys.add(frame);
        break;
      }
    }
    return keys;
  }

  static String subject(String location) {
    String subject = location;
    for (Matcher m = SUBJECT.matcher(subject); m.matches(); m = SUBJECT.matcher(subject)) {
      subject = m.group(1);
    }
    return subject;
  }

  private static boolean isRuntimeFrame(String frame) {
    return frame.startsWith("java.")
        || frame.startsWith("javax.")
        || frame.startsWith("jdk.")
        || frame.startsWith("sun.")
        || frame.startsWith("kotlin.");
  }

  /** Orders the plans of one service. */
  public static Result of(Collection<Node> plans) {
    List<Node> nodes = new ArrayList<>(plans);
    nodes.sort(RANKING);
    Map<String, Node> byId = new LinkedHashMap<>();
    nodes.forEach(node -> byId.put(node.planId(), node));

    // Edges by (from, to), with every reason found.
    Map<List<String>, List<String>> reasons = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        Node first = nodes.get(i);
        Node later = nodes.get(j);
        Set<String> shared = new TreeSet<>(first.touches());
        shared.retainAll(later.touches());
        for (String key : shared) {
          reasons
              .computeIfAbsent(List.of(first.planId(), later.planId()), k -> new ArrayList<>())
              .add("same " + key);
        }
      }
    }
    for (Node dependent : nodes) {
      for (Node prerequisite : nodes) {
        if (dependent != prerequisite && dependent.after().contains(prerequisite.type())) {
          reasons
              .computeIfAbsent(
                  List.of(prerequisite.planId(), dependent.planId()), k -> new ArrayList<>())
              .add("after " + prerequisite.type());
        }
      }
    }

    Map<String, Set<String>> prerequisites = new HashMap<>();
    nodes.forEach(node -> prerequisites.put(node.planId(), new HashSet<>()));
    reasons.keySet().forEach(edge -> prerequisites.get(edge.get(1)).add(edge.get(0)));

    // Cycles first, so a plan stuck in one never waits behind lower-ranked plans.
    Set<List<String>> broken = new HashSet<>();
    List<List<String>> cycles = new ArrayList<>();
    for (Optional<List<String>> cycle = findCycle(nodes, prerequisites);
        cycle.isPresent();
        cycle = findCycle(nodes, prerequisites)) {
      cycles.add(cycle.get());
      // The best-ranked plan of the cycle goes first: drop its dependency inside the cycle.
      String best =
          cycle.get().stream().min(Comparator.comparing(byId::get, RANKING)).orElseThrow();
      String itsPrerequisite =
          cycle.get().get((cycle.get().indexOf(best) + 1) % cycle.get().size());
      prerequisites.get(best).remove(itsPrerequisite);
      broken.add(List.of(itsPrerequisite, best));
    }

    List<Node> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (order.size() < nodes.size()) {
      Node ready =
          nodes.stream()
              .filter(node -> !placed.contains(node.planId()))
              .filter(node -> placed.containsAll(prerequisites.get(node.planId())))
              .findFirst() // nodes are sorted by RANKING
              .orElseThrow(() -> new IllegalStateException("a cycle was left unbroken"));
      order.add(ready);
      placed.add(ready.planId());
    }

    List<Edge> edges = new ArrayList<>();
    reasons.forEach(
        (edge, why) ->
            edges.add(new Edge(edge.get(0), edge.get(1), List.copyOf(why), broken.contains(edge))));
    return new Result(List.copyOf(order), List.copyOf(edges), List.copyOf(cycles));
  }

  /**
   * A cycle of the graph, if any: a depth-first walk along prerequisites, from the best-ranked plan
   * on, that comes back to a plan still on its path. Each plan of the returned cycle depends on the
   * next, the last on the first.
   */
  private static Optional<List<String>> findCycle(
      List<Node> nodes, Map<String, Set<String>> prerequisites) {
    Set<String> done = new HashSet<>();
    for (Node start : nodes) {
      if (!done.contains(start.planId())) {
        List<String> path = new ArrayList<>();
        Optional<List<String>> cycle = walk(start.planId(), path, done, prerequisites);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> walk(
      String at, List<String> path, Set<String> done, Map<String, Set<String>> prerequisites) {
    int onPath = path.indexOf(at);
    if (onPath >= 0) {
      return Optional.of(List.copyOf(path.subList(onPath, path.size())));
    }
    if (done.contains(at)) {
      return Optional.empty();
    }
    path.add(at);
    for (String next : new TreeSet<>(prerequisites.get(at))) {
      Optional<List<String>> cycle = walk(next, path, done, prerequisites);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    done.add(at);
    return Optional.empty();
  }
}
