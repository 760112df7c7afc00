package dev.postern.graph;

import dev.postern.model.SecurityGroup;
import dev.postern.model.TrustMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Draws a {@link TrustGraph} as a {@link TrustMap}: one node per collected security group (on its
 * most exposed tier), one for the Internet, one per CIDR, prefix list or referenced group that was
 * not collected; one edge per (source, group) pair with every permission it carries.
 */
public final class TrustMapBuilder {
  private TrustMapBuilder() {}

  public static TrustMap build(TrustGraph graph) {
    Map<String, TrustMap.Node> nodes = new TreeMap<>();
    Map<String, Map<String, Set<TrustMap.Allow>>> edges = new TreeMap<>();
    for (SecurityGroup g : graph.groups()) {
      nodes.put(groupId(g.scope().toString(), g.id()), groupNode(graph, g));
    }
    for (SecurityGroup g : graph.groups()) {
      String to = groupId(g.scope().toString(), g.id());
      for (Reach r : graph.ingress(g)) {
        String from = source(g, r, nodes);
        edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new LinkedHashSet<>())
            .add(new TrustMap.Allow(r.permission().portLabel(), r.source().label()));
      }
    }
    List<TrustMap.Edge> out = new ArrayList<>();
    edges.forEach((from, tos) -> tos.forEach((to, allows) -> out.add(new TrustMap.Edge(from, to, new ArrayList<>(allows)))));
    return new TrustMap(new ArrayList<>(nodes.values()), out);
  }

  private static TrustMap.Node groupNode(TrustGraph graph, SecurityGroup g) {
    String tier = graph.tiers(g).stream().sorted().findFirst().map(Tier::label).orElse("unattached");
    List<String> attached = new ArrayList<>();
    for (Attachment a : graph.attachments(g)) {
      if (!attached.contains(a.resource().label())) attached.add(a.resource().label());
    }
    return new TrustMap.Node(groupId(g.scope().toString(), g.id()), TrustMap.Kind.GROUP, g.label(), tier, g.arn(), attached);
  }

  private static String source(SecurityGroup target, Reach r, Map<String, TrustMap.Node> nodes) {
    Source s = r.source();
    return switch (s.kind()) {
      case INTERNET -> nodes.computeIfAbsent("internet",
          id -> new TrustMap.Node(id, TrustMap.Kind.INTERNET, "Internet", "", "", List.of())).id();
      case CIDR -> nodes.computeIfAbsent("cidr:" + s.value(),
          id -> new TrustMap.Node(id, TrustMap.Kind.CIDR, s.value(), "", "", List.of())).id();
      case PREFIX_LIST -> nodes.computeIfAbsent("pl:" + target.scope() + "/" + s.value(),
          id -> new TrustMap.Node(id, TrustMap.Kind.PREFIX_LIST, s.value(), "", "", List.of())).id();
      case GROUP -> r.sourceGroup()
          .map(g -> groupId(g.scope().toString(), g.id()))
          .orElseGet(() -> {
            String account = s.ownerAccount().isEmpty() ? target.scope().account() : s.ownerAccount();
            String id = groupId(account + "/" + target.scope().region(), s.value());
            String label = account.equals(target.scope().account()) ? s.value() : s.value() + " (account " + account + ")";
            return nodes.computeIfAbsent(id, k -> new TrustMap.Node(k, TrustMap.Kind.GROUP, label, "external", "", List.of())).id();
          });
    };
  }

  private static String groupId(String scope, String groupId) {
    return "sg:" + scope + "/" + groupId;
  }
}
