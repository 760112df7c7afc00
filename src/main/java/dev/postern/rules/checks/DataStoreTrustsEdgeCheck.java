package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
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
              Fixes.revokeIngress(sg, r.permission(), r.source())));
        }
      }
      if (seen.isEmpty()) out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " trusts no edge group"));
    }
    return out;
  }
}
