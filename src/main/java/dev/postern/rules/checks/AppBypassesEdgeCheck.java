package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.PortList;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An application group ({@link GroupNode#appTier()}: by attachment, or attached to nothing and
 * trusted only by edge groups) behind a load balancer (it trusts an edge group) also admits a
 * non-management port from the Internet: clients can go around the load balancer, its TLS and
 * its WAF. Management ports ({@code exceptPorts}) are the admin-port rule's business.
 */
public final class AppBypassesEdgeCheck implements Check<AppBypassesEdgeCheck.Params> {
  public record Params(PortList exceptPorts) {
    public Params {
      exceptPorts = exceptPorts == null ? PortList.NONE : exceptPorts;
    }
  }

  @Override
  public String name() {
    return "app-bypasses-edge";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (GroupNode n : graph.groupNodes()) evaluate(n, p, out);
    return out;
  }

  private static void evaluate(GroupNode n, Params p, List<Verdict> out) {
    SecurityGroup g = n.group();
    {
      if (!n.appTier()) return; // by attachment, or by position (trusted only by edge groups)
      String edge = "";
      for (Reach r : n.ingress()) {
        if (r.source().kind() == Source.Kind.GROUP && r.sourceNode() != null && r.sourceNode().hasTier(Tier.EDGE)) {
          edge = r.source().value();
          break;
        }
      }
      if (edge.isEmpty()) return; // not behind a load balancer
      Set<String> seen = new LinkedHashSet<>();
      for (Reach r : n.internetIngress()) {
        if (!r.permission().hasPorts()
            || !p.exceptPorts().leavesOut(r.permission().fromPort(), r.permission().toPort())) continue;
        String what = r.permission().portLabel() + " from " + r.source().label();
        if (!seen.add(what)) continue;
        out.add(Verdict.fail(n.ref(), what,
            g.label() + " is behind load balancer group " + edge + " but also admits " + what
                + ", a way around the load balancer; " + n.attachmentLabel(),
            Fixes.revokeIngress(g, r.permission(), r.source())));
      }
      String through = edge;
      if (seen.isEmpty()) out.add(Verdict.pass(n.ref(), () -> g.label() + " is reached from the Internet only through " + through));
    }
  }
}
