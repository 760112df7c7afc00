package dev.postern.report;

import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import dev.postern.model.TrustMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the DOT and Mermaid pictures share: which part of the graph they draw (see {@link GraphScope}),
 * tiers in drawing order, node labels, which edges are red.
 */
final class TrustPicture {
  static final List<String> TIERS = List.of("edge", "app", "data", "other", "unattached", "external");
  static final String RED = "#d62728";
  private static final int MAX_ATTACHED = 3;

  private TrustPicture() {}

  /** Group nodes by tier, in {@link #TIERS} order; tiers without a node left out. */
  static Map<String, List<TrustMap.Node>> clusters(TrustMap m) {
    Map<String, List<TrustMap.Node>> out = new LinkedHashMap<>();
    for (String t : TIERS) {
      List<TrustMap.Node> nodes = m.nodes().stream().filter(n -> n.kind() == TrustMap.Kind.GROUP && t.equals(n.tier())).toList();
      if (!nodes.isEmpty()) out.put(t, nodes);
    }
    return out;
  }

  /** Nodes outside every tier: the Internet, CIDRs, prefix lists. */
  static List<TrustMap.Node> sources(TrustMap m) {
    return m.nodes().stream().filter(n -> n.kind() != TrustMap.Kind.GROUP || !TIERS.contains(n.tier())).toList();
  }

  /** The label's lines: the group, then up to three things it is attached to. */
  static List<String> lines(TrustMap.Node n) {
    return lines(n, new Picture(TrustMap.EMPTY, 0, 0, false, false, ""));
  }

  /**
   * The label's lines: the group, its region (and account) when the picture draws several, then up
   * to three things it is attached to.
   */
  static List<String> lines(TrustMap.Node n, Picture p) {
    List<String> lines = new ArrayList<>();
    lines.add(n.label());
    String scope = p.severalAccounts() ? scopeOf(n) : p.severalRegions() ? regionOf(n) : "";
    if (!scope.isEmpty()) lines.add(scope);
    n.attached().stream().limit(MAX_ATTACHED).forEach(lines::add);
    if (n.attached().size() > MAX_ATTACHED) lines.add("+" + (n.attached().size() - MAX_ATTACHED) + " more");
    return lines;
  }

  /**
   * The edges behind a FAIL: a FAIL on the edge's target group that names one of the edge's
   * permissions in its evidence ({@code tcp/22 from 0.0.0.0/0}), or names none (the whole
   * group fails).
   */
  static Set<TrustMap.Edge> failing(ScanResult r, TrustMap m) {
    Map<String, Set<String>> failsByArn = new HashMap<>();
    for (Finding f : r.findings()) {
      if (f.status() == Status.FAIL && !f.resource().arn().isEmpty()) {
        Set<String> fails = failsByArn.computeIfAbsent(f.resource().arn(), k -> new HashSet<>());
        for (var e : f.evidence()) fails.add(e.detail());
      }
    }
    Map<String, String> arnById = new HashMap<>();
    m.nodes().forEach(n -> arnById.put(n.id(), n.arn()));
    Set<TrustMap.Edge> out = new HashSet<>();
    for (TrustMap.Edge e : m.edges()) {
      Set<String> fails = failsByArn.getOrDefault(arnById.getOrDefault(e.to(), ""), Set.of());
      if (fails.contains("") || e.allows().stream().anyMatch(a -> fails.contains(a.discriminator()))) out.add(e);
    }
    return out;
  }

  /** What a picture draws: the scoped map, and what was left out (said in a note on the picture). */
  record Picture(TrustMap map, int nodesLeftOut, int edgesLeftOut, boolean severalAccounts, boolean severalRegions, String note) {}

  /**
   * The part of {@code m} that {@code scope} asks for, within {@code maxEdges} edges and
   * {@code maxNodes} nodes: the most severe findings' groups first, each with what explains it
   * (for a data store, every group on a route from the Internet to its groups), then their
   * neighbours. Edges are those between drawn nodes. {@code why} says which limit applies, for the note.
   */
  static Picture picture(ScanResult r, TrustMap m, GraphScope scope, int maxEdges, int maxNodes, String why) {
    Graph g = new Graph(m);
    List<String> all = m.nodes().stream().map(TrustMap.Node::id).toList();
    List<String> candidates = switch (scope.mode()) {
      case ALL -> all;
      case FINDINGS -> g.aroundFindings(r);
      case OF -> g.around(matching(r, m, scope.resource()));
    };
    // A clean account: nothing to explain, so the picture is of the whole chain (within the limits).
    boolean clean = scope.mode() == GraphScope.Mode.FINDINGS && candidates.isEmpty();
    if (clean) candidates = all;
    Set<String> drawn = new HashSet<>();
    Set<String> skipped = new HashSet<>();
    int edges = 0;
    for (String id : candidates) {
      if (drawn.contains(id) || skipped.contains(id)) continue;
      int added = 0;
      for (String u : g.neighbours(id)) {
        if (drawn.contains(u)) added += g.edgesBetween(id, u);
      }
      if (drawn.size() + 1 > maxNodes || edges + added > maxEdges) {
        skipped.add(id);
        continue;
      }
      drawn.add(id);
      edges += added;
    }
    // Self-references (a group admitting itself) are edges too.
    List<TrustMap.Edge> kept = m.edges().stream().filter(e -> drawn.contains(e.from()) && drawn.contains(e.to())).toList();
    int leftOutNodes = skipped.size();
    Set<String> candidateSet = new HashSet<>(candidates);
    long possible = m.edges().stream().filter(e -> candidateSet.contains(e.from()) && candidateSet.contains(e.to())).count();
    int leftOutEdges = (int) (possible - kept.size());
    TrustMap out = new TrustMap(m.nodes().stream().filter(n -> drawn.contains(n.id())).toList(), kept);
    List<String> scopes = out.nodes().stream().map(TrustPicture::scopeOf).filter(s -> !s.isEmpty()).distinct().toList();
    boolean severalAccounts = scopes.stream().map(s -> s.substring(0, s.indexOf('/') + 1)).distinct().count() > 1;
    boolean severalRegions = scopes.stream().map(s -> s.substring(s.indexOf('/') + 1)).distinct().count() > 1;
    String note = "";
    if (leftOutNodes > 0 || leftOutEdges > 0) {
      note = leftOutNodes + " more node(s) and " + leftOutEdges + " edge(s) not drawn (" + why + "; the groups of the most severe"
          + " findings are drawn first)."
          + " Draw one resource's neighbourhood with --graph-of RESOURCE" + (scope.mode() == GraphScope.Mode.ALL ? "" : ", or everything with --graph all");
    } else if (clean && !all.isEmpty()) {
      note = "No FAIL concerns a security group: every group is drawn.";
    } else if (scope.mode() == GraphScope.Mode.FINDINGS && out.nodes().size() < m.nodes().size()) {
      note = "Groups behind findings and their neighbours: " + out.nodes().size() + " of " + m.nodes().size()
          + " nodes (--graph all draws every group).";
    }
    return new Picture(out, leftOutNodes, leftOutEdges, severalAccounts, severalRegions, note);
  }

  /** Whether {@code resource} names something {@code --graph-of} can draw. */
  static boolean matchesAny(ScanResult r, TrustMap m, String resource) {
    return !matching(r, m, resource).isEmpty();
  }

  /**
   * The group nodes {@code resource} names: a security group (id, name or ARN), or what groups are
   * attached to (its id, {@code type id} label or ARN, as a finding names it).
   */
  private static List<String> matching(ScanResult r, TrustMap m, String resource) {
    Set<String> labels = new HashSet<>();
    for (Finding f : r.findings()) {
      var res = f.resource();
      if (resource.equals(res.arn()) || resource.equals(res.id()) || resource.equals(res.type() + " " + res.id())) {
        labels.add(res.type() + " " + res.id());
      }
    }
    List<String> out = new ArrayList<>();
    for (TrustMap.Node n : m.nodes()) {
      if (n.kind() != TrustMap.Kind.GROUP) continue;
      String groupId = n.id().substring(n.id().lastIndexOf('/') + 1);
      boolean named = resource.equals(groupId) || resource.equals(n.label()) || (!n.arn().isEmpty() && resource.equals(n.arn()))
          || n.label().startsWith(resource + " (");
      boolean attached = n.attached().stream().anyMatch(a -> labels.contains(a) || a.equals(resource) || a.endsWith(" " + resource));
      if (named || attached) out.add(n.id());
    }
    return out;
  }

  /** {@code 123456789012/us-east-1} for a group or prefix-list node (ids {@code sg:ACCOUNT/REGION/ID}); else empty. */
  static String scopeOf(TrustMap.Node n) {
    String id = n.id();
    int colon = id.indexOf(':');
    int last = id.lastIndexOf('/');
    if (colon < 0 || last <= colon || !(id.startsWith("sg:") || id.startsWith("pl:"))) return "";
    return id.substring(colon + 1, last);
  }

  private static String regionOf(TrustMap.Node n) {
    String scope = scopeOf(n);
    return scope.substring(scope.indexOf('/') + 1);
  }

  /** Adjacency of a {@link TrustMap}, for choosing what to draw. */
  private static final class Graph {
    private final Map<String, List<TrustMap.Edge>> in = new HashMap<>();
    private final Map<String, List<TrustMap.Edge>> out = new HashMap<>();
    private final Map<String, TrustMap.Node> nodes = new HashMap<>();
    private final Map<String, Integer> pairs = new HashMap<>();

    Graph(TrustMap m) {
      m.nodes().forEach(n -> nodes.put(n.id(), n));
      for (TrustMap.Edge e : m.edges()) {
        out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        pairs.merge(pair(e.from(), e.to()), 1, Integer::sum);
      }
    }

    private static String pair(String a, String b) {
      return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
    }

    Set<String> neighbours(String id) {
      Set<String> n = new java.util.TreeSet<>();
      in.getOrDefault(id, List.of()).forEach(e -> n.add(e.from()));
      out.getOrDefault(id, List.of()).forEach(e -> n.add(e.to()));
      n.remove(id);
      return n;
    }

    /** Edges between two distinct nodes, both ways. */
    int edgesBetween(String a, String b) {
      return pairs.getOrDefault(pair(a, b), 0);
    }

    /**
     * Candidates in drawing priority: for each FAIL, most severe first, the groups it is on or
     * attached to (security-group and trust rules), the groups on routes from the Internet to
     * them, then their neighbours.
     */
    List<String> aroundFindings(ScanResult r) {
      Map<String, List<String>> byArn = new HashMap<>();
      Map<String, List<String>> byAttached = new HashMap<>();
      for (TrustMap.Node n : nodes.values()) {
        if (n.kind() != TrustMap.Kind.GROUP) continue;
        if (!n.arn().isEmpty()) byArn.computeIfAbsent(n.arn(), k -> new ArrayList<>()).add(n.id());
        for (String a : n.attached()) byAttached.computeIfAbsent(a, k -> new ArrayList<>()).add(n.id());
      }
      List<Finding> fails = new ArrayList<>(r.findings().stream().filter(f -> f.status() == Status.FAIL).toList());
      fails.sort(java.util.Comparator.comparing(Finding::severity).thenComparing(Finding::id));
      Set<String> fromInternet = forward("internet");
      List<String> seeds = new ArrayList<>();
      List<String> order = new ArrayList<>();
      Set<String> routesDone = new HashSet<>();
      for (Finding f : fails) {
        List<String> on = byArn.getOrDefault(f.resource().arn(), List.of());
        if (on.isEmpty() && GRAPH_SERVICES.contains(f.rule().service())) {
          on = byAttached.getOrDefault(f.resource().type() + " " + f.resource().id(), List.of());
        }
        for (String id : on) {
          seeds.add(id);
          order.add(id);
          order.addAll(routesTo(id, fromInternet, routesDone));
        }
      }
      for (String id : seeds) order.addAll(neighbours(id));
      return order;
    }

    /** Candidates for {@code --graph-of}: the resource's groups, every group that may reach them, their neighbours. */
    List<String> around(List<String> seeds) {
      List<String> order = new ArrayList<>(seeds);
      Set<String> seen = new HashSet<>(seeds);
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(seeds);
      while (!queue.isEmpty()) {
        for (TrustMap.Edge e : in.getOrDefault(queue.poll(), List.of())) {
          if (seen.add(e.from())) {
            order.add(e.from());
            queue.add(e.from());
          }
        }
      }
      for (String id : seeds) order.addAll(neighbours(id));
      return order;
    }

    /** Everything reachable from {@code start} along edges. */
    private Set<String> forward(String start) {
      Set<String> seen = new HashSet<>();
      if (!nodes.containsKey(start)) return seen;
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(start));
      seen.add(start);
      while (!queue.isEmpty()) {
        for (TrustMap.Edge e : out.getOrDefault(queue.poll(), List.of())) {
          if (seen.add(e.to())) queue.add(e.to());
        }
      }
      return seen;
    }

    /**
     * The nodes on routes from the Internet to {@code target} (those that reach it backwards and
     * are reached from the Internet), nearest first; a node already walked from is not walked
     * again, so all findings together cost one walk of the graph.
     */
    private List<String> routesTo(String target, Set<String> fromInternet, Set<String> done) {
      List<String> found = new ArrayList<>();
      if (!fromInternet.contains(target) || !done.add(target)) return found;
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(target));
      while (!queue.isEmpty()) {
        for (TrustMap.Edge e : in.getOrDefault(queue.poll(), List.of())) {
          if (fromInternet.contains(e.from()) && done.add(e.from())) {
            found.add(e.from());
            queue.add(e.from());
          }
        }
      }
      return found;
    }
  }

  /** Rules whose findings on a resource are about the groups attached to it. */
  private static final Set<String> GRAPH_SERVICES = Set.of("trust", "ec2");
}
