package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.Reachability;
import dev.postern.model.SecurityGroup;
import dev.postern.model.Severity;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-hop route from the Internet to a data store's port through group references that is not
 * the legitimate load balancer → application chain: e.g. a bastion open to 0.0.0.0/0 on 22 whose
 * group the database trusts. A route starts at a group that admits the Internet and has a
 * resource reachable from it; it is legitimate only when that group is an edge (internet-facing
 * load balancer) group and every group after it, up to the store's, is an application group
 * ({@link GroupNode#appTier()}: by attachment, else by position: attached to nothing and trusted
 * only by edge groups). The direct route (the store's own group open to the Internet) is the port
 * rules' finding.
 *
 * <p>A group with no members originates no traffic: a route through one ({@link GroupNode#unused()})
 * cannot be walked today. It is still reported, at {@code latentSeverity}, saying so: it opens as
 * soon as something is attached to that group.
 *
 * <p>One breadth-first search from every entry at once, over (group, legitimate-so-far,
 * walkable-so-far) states, so the cost is linear in the number of trust edges, not in stores × paths.
 */
public final class InternetPathCheck implements Check<InternetPathCheck.Params> {
  public record Params(Integer maxHops, Severity latentSeverity) {
    public Params {
      maxHops = maxHops == null ? 4 : maxHops;
      latentSeverity = latentSeverity == null ? Severity.LOW : latentSeverity;
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

  /**
   * Where the search stands at a group: reached how, from which state, whether still legitimate,
   * and whether every group left so far has members (so traffic can start there).
   */
  private record State(GroupNode node, boolean legitimate, boolean walkable, boolean entry, int depth, Reach via, State previous) {
    int slot() {
      return (legitimate ? 0 : 1) + (walkable ? 0 : 2);
    }
  }

  /** The worst route found into a store: walkable ones first, then the shortest. */
  private record Found(State last, Reach lastHop, boolean walkable) {}

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    State[][] reached = search(graph, p.maxHops());
    List<Verdict> out = new ArrayList<>();
    // Many stores share an entry (a bastion, a load balancer): its network path is judged once.
    Map<Reach, Reachability> entryReach = new IdentityHashMap<>();
    for (DataStores.Guarded x : DataStores.judgeable(graph, out)) {
      DataStore d = x.store();
      Optional<Found> route = badRoute(d, graph.nodesOf(d.ref().scope(), d.groupIds()), reached);
      if (route.isEmpty()) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + ": no route from the Internet except through the load balancer and application tier"));
        continue;
      }
      // The network path of the first leg (Internet → the entry group's members): the route fires
      // only when no collected layer blocks it; a layer not collected leaves it firing, named.
      State first = firstState(route.get());
      GroupNode entryNode = first.node();
      Reachability reach = entryReach.computeIfAbsent(first.via(),
          via -> IngressFromInternetCheck.reachability(graph.networkPath(), entryNode.group(), List.of(via)));
      if (reach.state() == Reachability.State.BLOCKED) {
        String why = reach.reason();
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + ": the route from the Internet through " + entryNode.group().id()
            + " is blocked on the network path: " + why));
        continue;
      }
      Reachability full = new Reachability(reach.state(), reach.path() + continuation(d, route.get()), reach.reason());
      Verdict v = Verdict.fail(d.ref(), "", describe(d, route.get())).reaching(full);
      out.add(route.get().walkable() ? v : v.at(p.latentSeverity()));
    }
    return out;
  }

  /** Shortest states per group (by node index): slot 0 legitimate so far, 1 not. */
  private static State[][] search(TrustGraph graph, int maxHops) {
    State[][] reached = new State[graph.groupNodes().size()][];
    Deque<State> queue = new ArrayDeque<>();
    for (GroupNode n : graph.groupNodes()) {
      if (!n.exposed() || n.internetIngress().isEmpty()) continue;
      State s = new State(n, n.hasTier(Tier.EDGE), true, true, 0, n.internetIngress().get(0), null);
      if (offer(reached, s)) queue.add(s);
    }
    while (!queue.isEmpty()) {
      State s = queue.poll();
      if (s.depth() + 1 >= maxHops) continue;
      // Leaving s.node towards a group that trusts it: s.node becomes an intermediate hop.
      boolean legitimate = s.legitimate() && (s.entry() || s.node().appTier());
      boolean walkable = s.walkable() && !s.node().unused();
      int slot = (legitimate ? 0 : 1) + (walkable ? 0 : 2);
      int[] targets = s.node().referencedByTargets();
      for (int k = 0; k < targets.length; k++) {
        int t = targets[k];
        if (t == s.node().index()) continue;
        State[] slots = reached[t];
        if (slots != null && slots[slot] != null) continue; // reached as early already
        Reach r = s.node().referencedBy().get(k);
        State next = new State(r.targetNode(), legitimate, walkable, false, s.depth() + 1, r, s);
        if (offer(reached, next)) queue.add(next);
      }
    }
    return reached;
  }

  private static boolean offer(State[][] reached, State s) {
    State[] slots = reached[s.node().index()];
    if (slots == null) slots = reached[s.node().index()] = new State[4];
    int i = s.slot();
    if (slots[i] != null) return false;
    slots[i] = s;
    return true;
  }

  /** The worst illegitimate route into one of the store's groups on its port, if any. */
  private static Optional<Found> badRoute(DataStore d, List<GroupNode> own, State[][] reached) {
    Found best = null;
    for (GroupNode t : own) {
      for (Reach r : t.ingress()) {
        GroupNode client = r.sourceNode();
        if (client == null || !DataStores.reachesPort(r, d)) continue;
        if (own.contains(client)) continue;
        State[] slots = reached[client.index()];
        if (slots == null) continue;
        for (State s : slots) {
          if (s == null) continue;
          boolean legitimate = s.legitimate() && !s.entry() && client.appTier();
          if (legitimate) continue;
          boolean walkable = s.walkable() && !client.unused();
          if (best == null || (walkable && !best.walkable())
              || (walkable == best.walkable() && s.depth() < best.last().depth())) {
            best = new Found(s, r, walkable);
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static State firstState(Found found) {
    State s = found.last();
    while (s.previous() != null) s = s.previous();
    return s;
  }

  /** The hops after the entry's members: each group on the chain with its rule, then the store. */
  private static String continuation(DataStore d, Found found) {
    List<State> chain = new ArrayList<>();
    for (State s = found.last(); s != null; s = s.previous()) chain.add(0, s);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < chain.size(); i++) {
      sb.append(" → ").append(chain.get(i).node().group().id()).append(' ').append(chain.get(i).via().permission().portLabel());
    }
    Reach lastHop = found.lastHop();
    sb.append(" → ").append(lastHop.target().id()).append(' ').append(d.port() > 0 ? "tcp/" + d.port() : lastHop.permission().portLabel());
    return sb.append(" → ").append(d.ref().type()).append(' ').append(d.ref().id()).toString();
  }

  private static String describe(DataStore d, Found found) {
    List<State> chain = new ArrayList<>();
    for (State s = found.last(); s != null; s = s.previous()) chain.add(0, s);
    Reach lastHop = found.lastHop();
    GroupNode entryNode = chain.get(0).node();
    SecurityGroup entry = entryNode.group();
    Reach in = chain.get(0).via();
    StringBuilder sb = new StringBuilder("Internet → ").append(entry.id()).append(' ').append(in.permission().portLabel());
    for (int i = 1; i < chain.size(); i++) {
      sb.append(" → ").append(chain.get(i).node().group().id()).append(' ').append(chain.get(i).via().permission().portLabel());
    }
    sb.append(" → ").append(lastHop.target().id()).append(' ').append(d.port() > 0 ? "tcp/" + d.port() : lastHop.permission().portLabel());
    sb.append(" (").append(d.ref().label()).append("): ").append(entry.label()).append(" admits ")
        .append(in.permission().portLabel()).append(" from ").append(in.source().label())
        .append(" and is ").append(entryNode.attachmentLabel());
    if (!entryNode.hasTier(Tier.EDGE)) {
      sb.append("; it is not the load balancer");
    } else if (chain.size() == 1) {
      sb.append("; the store's group trusts the load balancer's group directly, skipping the application tier");
    } else {
      // The first hop after the load balancer that is not an application group is what makes the route wrong.
      for (int i = 1; i < chain.size(); i++) {
        GroupNode hop = chain.get(i).node();
        if (!hop.appTier()) {
          sb.append("; ").append(hop.group().label()).append(" on the route is not an application group (")
              .append(hop.tierLabel()).append(", ").append(hop.attachmentLabel()).append(')');
          break;
        }
      }
    }
    if (!found.walkable()) {
      for (int i = 1; i < chain.size(); i++) {
        GroupNode hop = chain.get(i).node();
        if (hop.unused()) {
          sb.append("; not walkable today: ").append(hop.group().label())
              .append(" has no members, so nothing there originates traffic; the route opens when something is attached to it");
          break;
        }
      }
    }
    return sb.toString();
  }
}
