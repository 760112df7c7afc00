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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Broken wiring: the store's groups admit other groups, but none of them on the port the store
 * listens on (e.g. PostgreSQL on 5432 behind a group that admits only 3306 from the application
 * groups). The clients it was meant for cannot connect. Stores whose port is unknown get UNKNOWN;
 * stores that admit no other group at all are the no-trusted-client rule's finding and pass here.
 */
public final class DataStorePortMismatchCheck implements Check<DataStorePortMismatchCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "datastore-port-mismatch";
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
      if (d.port() <= 0) {
        out.add(Verdict.unknown(d.ref(), "the port " + d.ref().label() + " listens on is not known, so whether its groups admit it is unknown"));
        continue;
      }
      List<String> ownIds = d.groupIds(); // one to five: a list beats a set
      // First whether any client is admitted on the port (the usual case: a PASS, whose message is
      // built only if shown); the clients on other ports only for a FAIL.
      boolean anyOnPort = false;
      for (SecurityGroup sg : x.groups()) {
        for (Reach r : graph.ingress(sg)) {
          if (r.source().kind() == Source.Kind.GROUP && !ownIds.contains(r.source().value()) && DataStores.reachesPort(r, d)) {
            anyOnPort = true;
            break;
          }
        }
        if (anyOnPort) break;
      }
      // Admitted ports (as labels) → the client groups admitted on them, for the message.
      Map<String, Set<String>> elsewhere = new TreeMap<>();
      Set<String> clientIds = new TreeSet<>();
      for (SecurityGroup sg : anyOnPort ? List.<SecurityGroup>of() : x.groups()) {
        for (Reach r : graph.ingress(sg)) {
          if (r.source().kind() != Source.Kind.GROUP || ownIds.contains(r.source().value())) continue;
          if (!DataStores.reachesPort(r, d) && r.permission().hasPorts()) {
            elsewhere.computeIfAbsent(r.permission().portLabel(), k -> new TreeSet<>()).add(label(r));
            clientIds.add(r.source().value());
          }
        }
      }
      if (anyOnPort) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " admits " + String.join(", ", onPort(graph, x, ownIds)) + " on " + DataStores.port(d)));
      } else if (elsewhere.isEmpty()) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " admits no other group on any port (see trust-datastore-no-trusted-client)"));
      } else {
        List<String> parts = new ArrayList<>();
        elsewhere.forEach((port, clients) -> parts.add(port + " (from " + String.join(", ", clients) + ")"));
        SecurityGroup target = x.groups().get(0);
        out.add(Verdict.fail(d.ref(), "",
            d.ref().label() + " listens on " + DataStores.port(d) + " but its groups (" + DataStores.ids(x.groups()) + ") admit only "
                + String.join(", ", parts) + ": those clients cannot connect; admit " + DataStores.port(d)
                + " from them instead (or move the store to the port they use)",
            clientIds.stream().map(c -> Fixes.authorizeFromGroup(target, "tcp", d.port(), d.port(), c)).toArray(String[]::new)));
      }
    }
    return out;
  }

  private static Set<String> onPort(TrustGraph graph, DataStores.Guarded x, List<String> ownIds) {
    Set<String> on = new TreeSet<>();
    for (SecurityGroup sg : x.groups()) {
      for (Reach r : graph.ingress(sg)) {
        if (r.source().kind() == Source.Kind.GROUP && !ownIds.contains(r.source().value()) && DataStores.reachesPort(r, x.store())) {
          on.add(r.source().value());
        }
      }
    }
    return on;
  }

  private static String label(Reach r) {
    return r.sourceGroup().map(SecurityGroup::label).orElse(r.source().value());
  }
}
