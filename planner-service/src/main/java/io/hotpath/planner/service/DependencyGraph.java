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
import java.util.PriorityQueue;
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

  /** A route, whatever the case of its method: {@code get /orders/{id}}. */
  private static final Pattern ROUTE =
      Pattern.compile("^(?i)(get|post|put|delete|patch|head|options) (/.*)$");

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

  /** The order and the graph behind it. */
  public static final class Result {
    private final List<Node> order;
    private final List<Edge> edges;
    private final List<List<String>> cycles;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, List<String>> dependsOn = new HashMap<>();

    Result(List<Node> order, List<Edge> edges, List<List<String>> cycles) {
      this.order = List.copyOf(order);
      this.edges = List.copyOf(edges);
      this.cycles = List.copyOf(cycles);
      for (int i = 0; i < order.size(); i++) {
        ranks.put(order.get(i).planId(), i + 1);
      }
      for (Edge edge : edges) {
        if (!edge.broken()) {
          dependsOn.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge.from());
        }
      }
      dependsOn.replaceAll(
          (plan, before) -> before.stream().sorted(Comparator.comparingInt(this::rankOf)).toList());
    }

    /** The plans, first to implement first. */
    public List<Node> order() {
      return order;
    }

    public List<Edge> edges() {
      return edges;
    }

    /** Each cycle found, as plan ids where each depends on the next and the last on the first. */
    public List<List<String>> cycles() {
      return cycles;
    }

    /** 1-based place of a plan in the order; 0 when it is not in it. */
    public int rankOf(String planId) {
      return ranks.getOrDefault(planId, 0);
    }

    /** The plans that go before this one, as the order respects them, first ranked first. */
    public List<String> dependsOn(String planId) {
      return dependsOn.getOrDefault(planId, List.of());
    }
  }

  /**
   * What a bottleneck's fix changes: the subject of its location ({@code frame:}, {@code lock:} and
   * {@code regression:} stripped, so a hot frame, a lock at that frame and a regression of it meet)
   * and the top application frame of its exemplar stack (JDK frames skipped).
   */
  public static Set<String> touches(BottleneckDetected bottleneck) {
    Set<String> keys = new TreeSet<>();
    // "get /orders/{id} -> query:9f2c1a" (an N+1 under a route) touches both.
    for (String part : bottleneck.location().split(" -> ")) {
      if (!part.isBlank()) {
        keys.add(subject(part.trim()));
      }
    }
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
    Matcher route = ROUTE.matcher(subject);
    return route.matches()
        ? route.group(1).toUpperCase(java.util.Locale.ROOT) + " " + route.group(2)
        : subject;
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

    // Edges by (from, to), with every reason found. Only plans that share a key or a named type
    // are compared, so a service with many unrelated plans stays cheap to order.
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      position.put(nodes.get(i).planId(), i);
    }
    Map<String, List<Node>> byKey = new LinkedHashMap<>();
    Map<BottleneckType, List<Node>> byType = new HashMap<>();
    for (Node node : nodes) {
      node.touches().forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(node));
      byType.computeIfAbsent(node.type(), k -> new ArrayList<>()).add(node);
    }
    Map<List<String>, List<String>> reasons = new LinkedHashMap<>();
    byKey.forEach(
        (key, sharing) -> {
          // Already in RANKING order: each plan goes after every higher-ranked one with the key.
          for (int i = 0; i < sharing.size(); i++) {
            for (int j = i + 1; j < sharing.size(); j++) {
              reasons
                  .computeIfAbsent(
                      List.of(sharing.get(i).planId(), sharing.get(j).planId()),
                      k -> new ArrayList<>())
                  .add("same " + key);
            }
          }
        });
    for (Node dependent : nodes) {
      for (BottleneckType type : new TreeSet<>(dependent.after())) {
        for (Node prerequisite : byType.getOrDefault(type, List.of())) {
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

    // Kahn's algorithm, always taking the best-ranked plan whose prerequisites are placed.
    Map<String, Integer> waitingFor = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Node node : nodes) {
      waitingFor.put(node.planId(), prerequisites.get(node.planId()).size());
      for (String before : prerequisites.get(node.planId())) {
        dependents.computeIfAbsent(before, k -> new ArrayList<>()).add(node.planId());
      }
    }
    PriorityQueue<Node> ready =
        new PriorityQueue<>(Comparator.comparingInt(n -> position.get(n.planId())));
    nodes.stream().filter(node -> waitingFor.get(node.planId()) == 0).forEach(ready::add);
    List<Node> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      Node next = ready.poll();
      order.add(next);
      for (String dependent : dependents.getOrDefault(next.planId(), List.of())) {
        if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(byId.get(dependent));
        }
      }
    }
    if (order.size() < nodes.size()) {
      throw new IllegalStateException("a cycle was left unbroken");
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
        Optional<List<String>> cycle =
            walk(start.planId(), path, new HashSet<>(), done, prerequisites);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> walk(
      String at,
      List<String> path,
      Set<String> onPath,
      Set<String> done,
      Map<String, Set<String>> prerequisites) {
    if (onPath.contains(at)) {
      return Optional.of(List.copyOf(path.subList(path.indexOf(at), path.size())));
    }
    if (done.contains(at)) {
      return Optional.empty();
    }
    path.add(at);
    onPath.add(at);
    for (String next : new TreeSet<>(prerequisites.get(at))) {
      Optional<List<String>> cycle = walk(next, path, onPath, done, prerequisites);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    onPath.remove(at);
    done.add(at);
    return Optional.empty();
  }
}
