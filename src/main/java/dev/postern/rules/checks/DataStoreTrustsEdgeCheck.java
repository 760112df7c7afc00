package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.NetworkPath;
import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.Reachability;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A data store's group trusts the edge: an internet-facing load balancer's group, or a group that
 * admits every port from the Internet. The edge should reach only the application tier.
 */
public final class DataStoreTrustsEdgeCheck implements Check<DataStoreTrustsEdgeCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "datastore-trusts-edge";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    // The groups that trust an edge group at all, found from the few edge groups' side: the stores
    // of no such group pass without reading their groups' ingress (most of a large account's rules).
    boolean[] trustsEdge = new boolean[graph.groupNodes().size()];
    for (GroupNode n : graph.groupNodes()) {
      if (!n.hasTier(Tier.EDGE) && !n.openOnAllPortsFromInternet()) continue;
      for (int t : n.referencedByTargets()) trustsEdge[t] = true;
    }
    for (DataStores.Guarded x : DataStores.judgeable(graph, out)) {
      DataStore d = x.store();
      Set<String> seen = new LinkedHashSet<>();
      for (SecurityGroup sg : x.groups()) {
        GroupNode node = graph.node(sg);
        if (node == null || !trustsEdge[node.index()]) continue;
        for (Reach r : node.ingress()) {
          if (r.source().kind() != Source.Kind.GROUP || r.source().value().equals(sg.id())) continue;
          Optional<SecurityGroup> client = r.sourceGroup();
          if (client.isEmpty()) continue;
          String why = r.sourceNode().hasTier(Tier.EDGE) ? "the group of an internet-facing load balancer"
              : r.sourceNode().openOnAllPortsFromInternet() ? "open to the Internet on every port" : "";
          if (why.isEmpty() || !seen.add(client.get().id())) continue;
          out.add(Verdict.fail(d.ref(), client.get().id(),
              d.ref().label() + ": " + sg.label() + " admits " + r.permission().portLabel() + " from " + client.get().label()
                  + ", " + why + "; only the application tier's group should reach a data store",
              Fixes.revokeIngress(sg, r.permission(), r.source())).reaching(reachability(graph, d, r)));
        }
      }
      if (seen.isEmpty()) out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " trusts no edge group"));
    }
    return out;
  }

  /**
   * Internet → the edge group's members (the first leg, over the network path) → the store (the
   * hop between their subnets): blocked when a collected layer of either blocks, else unknown when
   * one could not be judged, else reachable with the hop list.
   */
  static Reachability reachability(TrustGraph graph, DataStore d, Reach r) {
    GroupNode edge = r.sourceNode();
    NetworkPath path = graph.networkPath();
    Reachability first = edge.internetIngress().isEmpty()
        ? new Reachability(Reachability.State.BLOCKED, "", edge.group().id() + " admits nothing from the Internet")
        : IngressFromInternetCheck.reachability(path, edge.group(), edge.internetIngress());
    if (first.state() == Reachability.State.BLOCKED) return first;
    int from = d.port() > 0 ? d.port() : r.permission().fromPort();
    int to = d.port() > 0 ? d.port() : r.permission().toPort();
    String groupHop = r.target().id() + " " + (d.port() > 0 ? "tcp/" + d.port() : r.permission().portLabel());
    String tail = groupHop + " → " + d.ref().type() + " " + d.ref().id();
    if (!edge.group().scope().equals(r.target().scope())) {
      return new Reachability(Reachability.State.UNKNOWN, first.path() + " → " + tail, "the network path across accounts or regions is not modelled");
    }
    Optional<NetworkPath.Hop> hop = path.hop(edge.group().scope(), edge.group().id(), r.target().id(), path.subnetsOf(d),
        new NetworkPath.Query(r.permission().protocol(), from, to, ""));
    List<String> unknown = new ArrayList<>();
    if (first.state() == Reachability.State.UNKNOWN) unknown.add(first.reason());
    String elements = "";
    if (hop.isEmpty()) {
      unknown.add("the subnets of " + (path.groupSubnets(edge.group().scope(), edge.group().id()).isEmpty() ? edge.group().id() : d.ref().id())
          + " are not known");
    } else if (hop.get().outcome() == NetworkPath.Outcome.BLOCKED) {
      return new Reachability(Reachability.State.BLOCKED, first.path(), "between " + edge.group().id() + " (" + hop.get().fromSubnet() + ") and "
          + r.target().id() + " (" + hop.get().toSubnet() + "): " + hop.get().blockedBy().orElseThrow().reason());
    } else {
      if (hop.get().outcome() == NetworkPath.Outcome.UNKNOWN) unknown.add(hop.get().unknownReason());
      elements = hop.get().elements();
    }
    String full = first.path() + (elements.isEmpty() ? "" : " → " + elements) + " → " + tail;
    return new Reachability(unknown.isEmpty() ? Reachability.State.REACHABLE : Reachability.State.UNKNOWN, full,
        String.join("; ", unknown.stream().distinct().toList()));
  }
}
