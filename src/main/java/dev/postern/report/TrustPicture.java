package dev.postern.report;

import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import dev.postern.model.TrustMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * An edge is behind a FAIL when a FAIL on its target group names this edge's permission as its
   * discriminator ({@code tcp/22 from 0.0.0.0/0}), or has none (the whole group fails).
   */
  static boolean failing(ScanResult r, TrustMap m, TrustMap.Edge e) {
    String arn = m.node(e.to()).map(TrustMap.Node::arn).orElse("");
    if (arn.isEmpty()) return false;
    for (Finding f : r.findings()) {
      if (f.status() != Status.FAIL || !arn.equals(f.resource().arn())) continue;
      if (f.discriminator().isEmpty() || e.allows().stream().anyMatch(a -> a.discriminator().equals(f.discriminator()))) {
        return true;
      }
    }
    return false;
  }
}
