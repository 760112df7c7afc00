package dev.postern.rules.checks;

import dev.postern.graph.Reach;
import dev.postern.graph.Source;
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
 * Nothing but the data store's own groups may reach it, on any port: no application is trusted
 * yet (a backend group with only its self-reference, or a group with no ingress), so either the
 * store is unused or a trust link is missing. A store whose groups admit clients on another port
 * than the store's passes here: that is the port-mismatch rule's finding.
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
      // Whether a client is admitted on the port, or on another: the usual PASS needs no more (its
      // message is built only if shown, so the sets it names are gathered then).
      boolean onPortClient = false;
      boolean otherPortClient = false;
      for (SecurityGroup sg : own) {
        for (Reach r : graph.ingress(sg)) {
          if (r.source().kind() == Source.Kind.GROUP && d.groupIds().contains(r.source().value())) continue;
          if (DataStores.reachesPort(r, d)) {
            onPortClient = true;
            break;
          }
          if (r.permission().hasPorts() || r.permission().allProtocols()) otherPortClient = true;
        }
        if (onPortClient) break;
      }
      if (onPortClient) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " is reached from " + String.join(", ", admitted(graph, d, own).clients())));
        continue;
      }
      if (otherPortClient) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " trusts " + String.join(", ", admitted(graph, d, own).otherPortClients())
            + ", but not on " + DataStores.port(d) + " (see trust-datastore-port-mismatch)"));
        continue;
      }
      Set<String> selfOnPort = admitted(graph, d, own).selfOnPort();
      String admitted = selfOnPort.isEmpty()
          ? "nothing may reach it: its groups (" + DataStores.ids(own) + ") admit no one"
          : "only its own groups may reach it on " + DataStores.port(d) + " (" + String.join(", ", selfOnPort) + " by self-reference)";
      out.add(Verdict.fail(d.ref(), "", d.ref().label() + ": " + admitted
          + "; no application is trusted: add ingress from the application's group, or retire the store"));
    }
    return out;
  }

  /** Who the store's groups admit: other groups and ranges on its port and on other ports, its own groups on its port. */
  private record Admitted(Set<String> clients, Set<String> otherPortClients, Set<String> selfOnPort) {}

  private static Admitted admitted(TrustGraph graph, DataStore d, List<SecurityGroup> own) {
    Set<String> ownIds = new TreeSet<>(d.groupIds());
    Admitted a = new Admitted(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    for (SecurityGroup sg : own) {
      for (Reach r : graph.ingress(sg)) {
        boolean ownGroup = r.source().kind() == Source.Kind.GROUP && ownIds.contains(r.source().value());
        boolean onPort = DataStores.reachesPort(r, d);
        if (ownGroup && onPort) a.selfOnPort().add(r.source().value());
        else if (!ownGroup && onPort) a.clients().add(r.source().value());
        else if (!ownGroup && (r.permission().hasPorts() || r.permission().allProtocols())) a.otherPortClients().add(r.source().value());
      }
    }
    return a;
  }
}
