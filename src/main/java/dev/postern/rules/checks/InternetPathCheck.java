package dev.postern.rules.checks;

import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-hop route from the Internet to a data store's port through group references that is not
 * the legitimate load balancer → application chain: e.g. a bastion open to 0.0.0.0/0 on 22 whose
 * group the database trusts. The first hop must be a group with a resource reachable from the
 * Internet; a route is legitimate only when it enters through an edge group and passes through
 * application groups alone. The direct route (the store's own group open to the Internet) is the
 * port rules' finding.
 */
public final class InternetPathCheck implements Check<InternetPathCheck.Params> {
  public record Params(Integer maxHops) {
    public Params {
      maxHops = maxHops == null ? 4 : maxHops;
    }
  }

  @Override
  public String name() {
    return "internet-path-to-datastore";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.maxHops() < 1 || p.maxHops() > 10) throw new IllegalArgumentException("maxHops must be 1 to 10");
  }

  /** One step back from a group towards the store: who may reach it, and how. */
  private record Step(SecurityGroup next, Reach reach) {}

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (DataStore d : graph.dataStores()) {
      String unknown = DataStores.unknownReason(graph, d);
      if (!unknown.isEmpty()) {
        out.add(Verdict.unknown(d.ref(), unknown));
        continue;
      }
      Optional<String> path = illegitimatePath(graph, d, p.maxHops());
      if (path.isPresent()) {
        out.add(Verdict.fail(d.ref(), "", path.get()));
      } else {
        out.add(Verdict.pass(d.ref(), d.ref().label() + ": no route from the Internet except through the load balancer and application tier"));
      }
    }
    return out;
  }

  /** Breadth-first from the store's groups back towards the Internet; the shortest bad route wins. */
  static Optional<String> illegitimatePath(TrustGraph graph, DataStore d, int maxHops) {
    List<SecurityGroup> targets = DataStores.groups(graph, d);
    Map<String, Step> towardsStore = new HashMap<>();
    Map<String, Integer> depth = new HashMap<>();
    Deque<SecurityGroup> queue = new ArrayDeque<>();
    for (SecurityGroup t : targets) {
      depth.put(key(t), 0);
      queue.add(t);
    }
    List<Optional<String>> found = new ArrayList<>();
    while (!queue.isEmpty()) {
      SecurityGroup g = queue.poll();
      int level = depth.get(key(g));
      if (level >= maxHops) continue;
      for (Reach r : graph.ingress(g)) {
        if (r.source().kind() != Source.Kind.GROUP) continue;
        if (level == 0 && !DataStores.reachesPort(r, d)) continue; // the last hop must reach the store's port
        Optional<SecurityGroup> client = graph.referenced(g, r.source());
        if (client.isEmpty() || depth.containsKey(key(client.get()))) continue;
        SecurityGroup c = client.get();
        depth.put(key(c), level + 1);
        towardsStore.put(key(c), new Step(g, r));
        Optional<String> bad = judge(graph, c, towardsStore, d);
        if (bad.isPresent()) return bad;
        queue.add(c);
      }
    }
    return Optional.empty();
  }

  /** If {@code entry} lets the Internet in, the route from it to the store, when illegitimate. */
  private static Optional<String> judge(TrustGraph graph, SecurityGroup entry, Map<String, Step> towardsStore, DataStore d) {
    Optional<Reach> fromInternet = graph.ingress(entry).stream().filter(r -> r.source().isInternet()).findFirst();
    if (fromInternet.isEmpty() || !graph.exposed(entry)) return Optional.empty();
    List<SecurityGroup> hops = new ArrayList<>();
    List<Reach> edges = new ArrayList<>();
    SecurityGroup at = entry;
    hops.add(at);
    Step s;
    while ((s = towardsStore.get(key(at))) != null) {
      edges.add(s.reach());
      at = s.next();
      hops.add(at);
    }
    boolean legitimate = graph.hasTier(entry, Tier.EDGE) && hops.size() >= 3;
    for (int i = 1; legitimate && i < hops.size() - 1; i++) {
      legitimate = graph.hasTier(hops.get(i), Tier.APP) && !graph.hasTier(hops.get(i), Tier.EDGE);
    }
    if (legitimate) return Optional.empty();
    StringBuilder sb = new StringBuilder("Internet → ").append(entry.id()).append(' ').append(fromInternet.get().permission().portLabel());
    for (int i = 1; i < hops.size(); i++) {
      Reach e = edges.get(i - 1);
      String ports = i == hops.size() - 1 && d.port() > 0 ? "tcp/" + d.port() : e.permission().portLabel();
      sb.append(" → ").append(hops.get(i).id()).append(' ').append(ports);
    }
    sb.append(" (").append(d.ref().label()).append("): ").append(entry.label()).append(" admits ")
        .append(fromInternet.get().permission().portLabel()).append(" from ").append(fromInternet.get().source().label())
        .append(" and is ").append(graph.attachmentLabel(entry))
        .append(graph.hasTier(entry, Tier.EDGE) ? "; the route skips the application tier" : "; it is not the load balancer");
    return Optional.of(sb.toString());
  }

  private static String key(SecurityGroup g) {
    return g.scope().key(g.id());
  }
}
