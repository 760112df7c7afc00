package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.NetworkPath;
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
import java.util.HashMap;
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
  private record State(GroupNode node, boolean legitimate, boolean walkable, boolean entry, int depth, Reach via, State previous, Leg leg,
      Blocked blocked) {
    int slot() {
      return slot(legitimate, walkable, blocked != null);
    }

    static int slot(boolean legitimate, boolean walkable, boolean blocked) {
      return (legitimate ? 0 : 1) + (walkable ? 0 : 2) + (blocked ? 4 : 0);
    }
  }

  /**
   * The network path of one hop between two groups' members ({@link NetworkPath#hop}): empty when
   * it could not be judged, {@code unknown} then saying why ("" for a group with no members, which
   * the latent severity already covers).
   */
  private record Leg(Optional<NetworkPath.Hop> hop, String unknown) {
    static final Leg NONE = new Leg(Optional.empty(), "");

    boolean blocked() {
      return hop.isPresent() && hop.get().outcome() == NetworkPath.Outcome.BLOCKED;
    }

    String elements() {
      return hop.map(NetworkPath.Hop::elements).orElse("");
    }

    String unknownReason() {
      if (hop.isEmpty()) return unknown;
      return hop.get().outcome() == NetworkPath.Outcome.UNKNOWN ? hop.get().unknownReason() : "";
    }
  }

  /** The worst route found into a store: open ones first, then walkable, then the shortest. */
  private record Found(State last, Reach lastHop, boolean walkable, Leg lastLeg, Blocked blocked) {}

  /** The first hop of a route that a collected layer blocks (its text built only when reported). */
  private record Blocked(GroupNode from, GroupNode to, NetworkPath.Hop hop) {
    String text() {
      return "between " + from.group().id() + " (" + hop.fromSubnet() + ") and " + to.group().id() + " (" + hop.toSubnet() + "): "
          + hop.blockedBy().orElseThrow().reason();
    }
  }

  /** A hop asked once per pair of subnet sets and traffic. */
  private record HopKey(int from, int to, String protocol, int fromPort, int toPort) {
    // Written out: the generated ones go through method handles, slow without C2 (asked per edge walked).
    @Override
    public boolean equals(Object o) {
      return o instanceof HopKey k && from == k.from && to == k.to && fromPort == k.fromPort && toPort == k.toPort && java.util.Objects.equals(protocol, k.protocol);
    }

    @Override
    public int hashCode() {
      return (((from * 31 + to) * 31 + java.util.Objects.hashCode(protocol)) * 31 + fromPort) * 31 + toPort;
    }
  }

  /** The hops judged in one evaluation, and each group's subnets by node index. */
  private static final class Legs {
    final Map<HopKey, Leg> byKey = new HashMap<>();
    final NetworkPath.SubnetSet[] sets;

    Legs(TrustGraph graph) {
      sets = new NetworkPath.SubnetSet[graph.groupNodes().size()];
    }

    NetworkPath.SubnetSet of(NetworkPath path, GroupNode n) {
      NetworkPath.SubnetSet s = sets[n.index()];
      if (s == null) s = sets[n.index()] = path.groupSubnetSet(n.group().scope(), n.group().id());
      return s;
    }
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    Legs legs = new Legs(graph);
    State[][] reached = search(graph, p.maxHops(), legs);
    List<Verdict> out = new ArrayList<>();
    // Many stores share an entry (a bastion, a load balancer): its network path is judged once.
    Map<Reach, Reachability> entryReach = new IdentityHashMap<>();
    BalancerLegs balancerLegs = new BalancerLegs(graph);
    for (DataStores.Guarded x : DataStores.judgeable(graph, out)) {
      DataStore d = x.store();
      Optional<Found> route = badRoute(graph, d, graph.nodesOf(d.ref().scope(), d.groupIds()), reached, legs);
      if (route.isEmpty()) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + ": no route from the Internet except through the load balancer and application tier"));
        continue;
      }
      if (route.get().blocked() != null) {
        // Every such route has a hop that a collected layer blocks (network ACL, peering route).
        String why = route.get().blocked().text();
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + ": the route from the Internet around the load balancer is blocked on the network path "
            + why));
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
      List<String> unknown = new ArrayList<>();
      if (reach.state() == Reachability.State.UNKNOWN) unknown.add(reach.reason());
      unknownHops(route.get(), unknown);
      Reachability full = new Reachability(unknown.isEmpty() ? reach.state() : Reachability.State.UNKNOWN,
          reach.path() + continuation(d, route.get(), balancerLegs), String.join("; ", unknown.stream().distinct().toList()));
      Verdict v = Verdict.fail(d.ref(), "", describe(d, route.get())).reaching(full);
      out.add(route.get().walkable() ? v : v.at(p.latentSeverity()));
    }
    return out;
  }

  /** Shortest states per group (by node index): slot 0 legitimate so far, 1 not. */
  private static State[][] search(TrustGraph graph, int maxHops, Legs legs) {
    State[][] reached = new State[graph.groupNodes().size()][];
    Deque<State> queue = new ArrayDeque<>();
    for (GroupNode n : graph.groupNodes()) {
      if (!n.exposed() || n.internetIngress().isEmpty()) continue;
      State s = new State(n, n.hasTier(Tier.EDGE), true, true, 0, n.internetIngress().get(0), null, Leg.NONE, null);
      if (offer(reached, s)) queue.add(s);
    }
    while (!queue.isEmpty()) {
      State s = queue.poll();
      if (s.depth() + 1 >= maxHops) continue;
      // Leaving s.node towards a group that trusts it: s.node becomes an intermediate hop.
      boolean legitimate = s.legitimate() && (s.entry() || s.node().appTier());
      boolean walkable = s.walkable() && !s.node().unused();
      int[] targets = s.node().referencedByTargets();
      for (int k = 0; k < targets.length; k++) {
        int t = targets[k];
        if (t == s.node().index()) continue;
        State[] slots = reached[t];
        // Reached as early already, open (or blocked, when this state is blocked already).
        if (slots != null && (slots[State.slot(legitimate, walkable, false)] != null
            || s.blocked() != null && slots[State.slot(legitimate, walkable, true)] != null)) continue;
        Reach r = s.node().referencedBy().get(k);
        Leg leg = leg(graph, legs, s.node(), r, null, r.permission().protocol(), r.permission().fromPort(), r.permission().toPort());
        Blocked blocked = s.blocked() != null ? s.blocked() : leg.blocked() ? new Blocked(s.node(), r.targetNode(), leg.hop().orElseThrow()) : null;
        if (slots != null && slots[State.slot(legitimate, walkable, blocked != null)] != null) continue;
        State next = new State(r.targetNode(), legitimate, walkable, false, s.depth() + 1, r, s, leg, blocked);
        if (offer(reached, next)) queue.add(next);
      }
    }
    return reached;
  }

  private static boolean offer(State[][] reached, State s) {
    State[] slots = reached[s.node().index()];
    if (slots == null) slots = reached[s.node().index()] = new State[8];
    int i = s.slot();
    if (slots[i] != null) return false;
    // A blocked route only explains a store no open route reaches: none where an open one is already.
    if (s.blocked() != null && slots[i - 4] != null) return false;
    slots[i] = s;
    return true;
  }

  /** The worst illegitimate route into one of the store's groups on its port, if any. */
  private static Optional<Found> badRoute(TrustGraph graph, DataStore d, List<GroupNode> own, State[][] reached, Legs legs) {
    Found best = null;
    NetworkPath.SubnetSet storeSubnets = null;
    for (GroupNode t : own) {
      for (Reach r : t.ingress()) {
        GroupNode client = r.sourceNode();
        if (client == null || !DataStores.reachesPort(r, d)) continue;
        if (own.contains(client)) continue;
        State[] slots = reached[client.index()];
        if (slots == null) continue;
        Leg last = null;
        for (State s : slots) {
          if (s == null) continue;
          boolean legitimate = s.legitimate() && !s.entry() && client.appTier();
          if (legitimate) continue;
          if (last == null) {
            if (storeSubnets == null) storeSubnets = graph.networkPath().subnetSet(d.ref().scope(), graph.networkPath().subnetsOf(d));
            int from = d.port() > 0 ? d.port() : r.permission().fromPort();
            int to = d.port() > 0 ? d.port() : r.permission().toPort();
            last = leg(graph, legs, client, r, storeSubnets, r.permission().protocol(), from, to);
          }
          Blocked blocked = s.blocked() != null ? s.blocked() : last.blocked() ? new Blocked(client, t, last.hop().orElseThrow()) : null;
          boolean walkable = s.walkable() && !client.unused();
          if (best == null || better(blocked == null, walkable, s.depth(), best)) best = new Found(s, r, walkable, last, blocked);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Open before blocked, then walkable before latent, then shorter. */
  private static boolean better(boolean open, boolean walkable, int depth, Found best) {
    boolean bestOpen = best.blocked() == null;
    if (open != bestOpen) return open;
    if (walkable != best.walkable()) return walkable;
    return depth < best.last().depth();
  }

  /**
   * The hop from {@code client}'s members to {@code r}'s target (its members, or {@code toSubnets}:
   * the data store's own when known), on the network path; judged once per pair of subnet sets and traffic.
   */
  private static Leg leg(TrustGraph graph, Legs legs, GroupNode client, Reach r, NetworkPath.SubnetSet toSubnets, String protocol,
      int fromPort, int toPort) {
    GroupNode target = r.targetNode();
    SecurityGroup from = client.group();
    SecurityGroup to = target.group();
    if (!from.scope().equals(to.scope())) {
      return new Leg(Optional.empty(), "the network path from " + from.id() + " (" + from.scope() + ") to " + to.id() + " (" + to.scope()
          + ") is not modelled across accounts or regions");
    }
    NetworkPath path = graph.networkPath();
    NetworkPath.SubnetSet a = legs.of(path, client);
    NetworkPath.SubnetSet b = toSubnets != null && !toSubnets.isEmpty() ? toSubnets : legs.of(path, target);
    if (a.isEmpty() || b.isEmpty()) {
      // A group with no members on either side is the latent route's business (latentSeverity), not a layer's.
      if (client.unused() || (b != toSubnets && target.unused())) return Leg.NONE;
      return new Leg(Optional.empty(), "the subnets of " + (a.isEmpty() ? from.id() : to.id()) + "'s members are not known");
    }
    HopKey key = new HopKey(a.id(), b.id(), protocol, fromPort, toPort);
    Leg leg = legs.byKey.get(key);
    if (leg == null) {
      leg = new Leg(path.hop(a, b, new NetworkPath.Query(protocol, fromPort, toPort, "")), "");
      legs.byKey.put(key, leg);
    }
    return leg;
  }

  /** What the hops after the first leg could not judge. */
  private static void unknownHops(Found found, List<String> out) {
    for (State s = found.last(); s != null; s = s.previous()) {
      String u = s.leg().unknownReason();
      if (!u.isEmpty()) out.add(u);
    }
    String u = found.lastLeg().unknownReason();
    if (!u.isEmpty()) out.add(u);
  }

  private static State firstState(Found found) {
    State s = found.last();
    while (s.previous() != null) s = s.previous();
    return s;
  }

  /** The hops after the entry's members: each group on the chain with its rule, then the store. */
  private static String continuation(DataStore d, Found found, BalancerLegs balancerLegs) {
    List<State> chain = new ArrayList<>();
    for (State s = found.last(); s != null; s = s.previous()) chain.add(0, s);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < chain.size(); i++) {
      String elements = chain.get(i).leg().elements();
      if (!elements.isEmpty()) sb.append(" → ").append(elements);
      // Out of a load balancer: the listener and target group that carry the hop (issue 19).
      if (i == 1) sb.append(balancerLegs.between(chain.get(0).node().group(), chain.get(i).node().group()));
      sb.append(" → ").append(chain.get(i).node().group().id()).append(' ').append(chain.get(i).via().permission().portLabel());
    }
    Reach lastHop = found.lastHop();
    String elements = found.lastLeg().elements();
    if (!elements.isEmpty()) sb.append(" → ").append(elements);
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
