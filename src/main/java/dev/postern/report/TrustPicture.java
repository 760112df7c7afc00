package dev.postern.report;

import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import dev.postern.model.TrustMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the DOT and Mermaid pictures share: tiers in drawing order, node labels, which edges are red. */
final class TrustPicture {
  static final List<String> TIERS = List.of("edge", "app", "data", "other", "unattached", "external");
  static final String RED = "#d62728";
  private static final int MAX_ATTACHED = 3;

  private TrustPicture() {}

  /** Group nodes by tier, in {@link #TIERS} order; tiers without a node left out. */
  static Map<String, List<TrustMap.Node>> clusters(TrustMap m) {
    Map<String, List<TrustMap.Node>> out = new LinkedHashMap<>();
    for (String t : TIERS) {
      List<TrustMap.Node> nodes = m.nodes().stream().filter(n -> n.kind() == TrustMap.Kind.GROUP && t.equals(n.tier())).toList();
      if (!nodes.isEmpty()) out.put(t, nodes);
    }
    return out;
  }

  /** Nodes outside every tier: the Internet, CIDRs, prefix lists. */
  static List<TrustMap.Node> sources(TrustMap m) {
    return m.nodes().stream().filter(n -> n.kind() != TrustMap.Kind.GROUP || !TIERS.contains(n.tier())).toList();
  }

  /** The label's lines: the group, then up to three things it is attached to. */
  static List<String> lines(TrustMap.Node n) {
    List<String> lines = new ArrayList<>();
    lines.add(n.label());
    n.attached().stream().limit(MAX_ATTACHED).forEach(lines::add);
    if (n.attached().size() > MAX_ATTACHED) lines.add("+" + (n.attached().size() - MAX_ATTACHED) + " more");
    return lines;
  }

  /**
   * The edges behind a FAIL: a FAIL on the edge's target group that names one of the edge's
   * permissions in its evidence ({@code tcp/22 from 0.0.0.0/0}), or names none (the whole
   * group fails).
   */
  static Set<TrustMap.Edge> failing(ScanResult r, TrustMap m) {
    Map<String, Set<String>> failsByArn = new HashMap<>();
    for (Finding f : r.findings()) {
      if (f.status() == Status.FAIL && !f.resource().arn().isEmpty()) {
        Set<String> fails = failsByArn.computeIfAbsent(f.resource().arn(), k -> new HashSet<>());
        for (var e : f.evidence()) fails.add(e.detail());
      }
    }
    Map<String, String> arnById = new HashMap<>();
    m.nodes().forEach(n -> arnById.put(n.id(), n.arn()));
    Set<TrustMap.Edge> out = new HashSet<>();
    for (TrustMap.Edge e : m.edges()) {
      Set<String> fails = failsByArn.getOrDefault(arnById.getOrDefault(e.to(), ""), Set.of());
      if (fails.contains("") || e.allows().stream().anyMatch(a -> fails.contains(a.discriminator()))) out.add(e);
    }
    return out;
  }
}
