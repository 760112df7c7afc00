package dev.postern.rules.checks;

import dev.postern.graph.Reach;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.Permission;
import dev.postern.model.ResourceKind;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/** What the trust checks ask about a data store. */
final class DataStores {
  private DataStores() {}

  /** Its collected groups; empty when groups were not collected or not known for it. */
  static List<SecurityGroup> groups(TrustGraph g, DataStore d) {
    if (!g.isCollected(d.ref().scope(), ResourceKind.SECURITY_GROUPS)) return List.of();
    return g.groupsOf(d.ref().scope(), d.groupIds());
  }

  /** Why no verdict can be given, or empty when the store's groups are known. */
  static String unknownReason(TrustGraph g, DataStore d) {
    if (!g.isCollected(d.ref().scope(), ResourceKind.SECURITY_GROUPS)) return "security groups of " + d.ref().scope() + " were not collected";
    if (d.groupIds().isEmpty()) return "no security group is known for " + d.ref().label();
    if (groups(g, d).isEmpty()) return "its groups " + String.join(", ", d.groupIds()) + " were not among the collected groups";
    return "";
  }

  /** A data store whose security groups are known, with those groups. */
  record Guarded(DataStore store, List<SecurityGroup> groups) {}

  /**
   * The data stores a trust check can judge, with their groups; the others get an UNKNOWN verdict
   * in {@code out} saying why (never a PASS).
   */
  static List<Guarded> judgeable(TrustGraph g, List<Verdict> out) {
    Judged j = judged(g);
    for (int i = 0; i < j.unknown().size(); i++) out.add(Verdict.unknown(j.unknown().get(i).ref(), j.reasons().get(i)));
    return j.stores();
  }

  /** The stores sorted into judgeable and unknown (with why), in store order. */
  private record Judged(List<Guarded> stores, List<DataStore> unknown, List<String> reasons) {}

  /** Several trust checks ask the same of one graph at once: it is answered once per graph. */
  private static final Map<TrustGraph, Judged> JUDGED = new WeakHashMap<>();

  private static synchronized Judged judged(TrustGraph g) {
    return JUDGED.computeIfAbsent(g, graph -> {
      List<Guarded> stores = new ArrayList<>();
      List<DataStore> unknown = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (DataStore d : graph.dataStores()) {
        String why = unknownReason(graph, d);
        if (why.isEmpty()) {
          stores.add(new Guarded(d, groups(graph, d)));
        } else {
          unknown.add(d);
          reasons.add(why);
        }
      }
      return new Judged(List.copyOf(stores), List.copyOf(unknown), List.copyOf(reasons));
    });
  }

  /** True when the permission lets traffic reach the store's port (any port when it is unknown). */
  static boolean reachesPort(Permission p, DataStore d) {
    return d.port() <= 0 ? p.hasPorts() || p.allProtocols() : p.coversPort(d.port());
  }

  static boolean reachesPort(Reach r, DataStore d) {
    return reachesPort(r.permission(), d);
  }

  static String port(DataStore d) {
    return d.port() > 0 ? "tcp/" + d.port() : "its port";
  }

  static String ids(List<SecurityGroup> groups) {
    return groups.stream().map(SecurityGroup::label).collect(Collectors.joining(", "));
  }
}
