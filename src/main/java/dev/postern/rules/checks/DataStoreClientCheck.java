package dev.postern.rules.checks;

import dev.postern.graph.Reach;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nothing but the data store's own groups may reach it: no application is trusted yet (a
 * backend group with only its self-reference), so either the store is unused or a trust link
 * is missing.
 */
public final class DataStoreClientCheck implements Check<DataStoreClientCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "datastore-has-client";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (DataStores.Guarded x : DataStores.judgeable(graph, out)) {
      DataStore d = x.store();
      List<SecurityGroup> own = x.groups();
      Set<String> ownIds = new TreeSet<>(d.groupIds());
      Set<String> clients = new TreeSet<>();
      for (SecurityGroup sg : own) {
        for (Reach r : graph.ingress(sg)) {
          if (!DataStores.reachesPort(r, d)) continue;
          if (r.source().kind() != dev.postern.graph.Source.Kind.GROUP || !ownIds.contains(r.source().value())) {
            clients.add(r.source().value());
          }
        }
      }
      if (clients.isEmpty()) {
        out.add(Verdict.fail(d.ref(), "",
            d.ref().label() + " may be reached on " + DataStores.port(d) + " only from its own groups (" + DataStores.ids(own)
                + "); no application is trusted: add ingress from the application's group, or retire the store"));
      } else {
        out.add(Verdict.pass(d.ref(), d.ref().label() + " is reached from " + String.join(", ", clients)));
      }
    }
    return out;
  }
}
