package dev.postern.rules.checks;

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
 * An application group behind a load balancer (it trusts an edge group) also admits a
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
    for (SecurityGroup g : graph.groups()) {
      if (!graph.hasTier(g, Tier.APP) || graph.hasTier(g, Tier.EDGE)) continue;
      String edge = "";
      for (Reach r : graph.ingress(g)) {
        if (r.source().kind() == Source.Kind.GROUP
            && r.sourceGroup().map(c -> graph.hasTier(c, Tier.EDGE)).orElse(false)) {
          edge = r.source().value();
          break;
        }
      }
      if (edge.isEmpty()) continue; // not behind a load balancer
      Set<String> seen = new LinkedHashSet<>();
      for (Reach r : graph.ingress(g)) {
        if (!r.source().isInternet() || !r.permission().hasPorts()
            || !p.exceptPorts().leavesOut(r.permission().fromPort(), r.permission().toPort())) continue;
        String what = r.permission().portLabel() + " from " + r.source().label();
        if (!seen.add(what)) continue;
        out.add(Verdict.fail(Groups.ref(graph, g), what,
            g.label() + " is behind load balancer group " + edge + " but also admits " + what
                + ", a way around the load balancer; " + graph.attachmentLabel(g),
            Fixes.revokeIngress(g, r.permission(), r.source())));
      }
      if (seen.isEmpty()) out.add(Verdict.pass(Groups.ref(graph, g), g.label() + " is reached from the Internet only through " + edge));
    }
    return out;
  }
}
