package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.Instance;
import dev.postern.model.ResourceKind;
import dev.postern.model.ResourceRef;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An EC2 instance of the application tier (one of its groups trusts a load balancer's group) has a
 * public IPv4 address in a subnet routed to an internet gateway: nothing admits the Internet today
 * (else the bypass rule reports it), but one rule away it is reachable around the load balancer.
 * Instances of a collected Beanstalk environment are left to the Beanstalk rule.
 */
public final class AppInstancePublicIpCheck implements Check<AppInstancePublicIpCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "app-instance-public-ip";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    Set<String> environments = new HashSet<>();
    for (BeanstalkEnvironment e : graph.inventory().environments()) environments.add(e.scope() + "/" + e.name());
    for (Instance i : graph.inventory().instances()) {
      if ("terminated".equals(i.state()) || "shutting-down".equals(i.state())) continue;
      String env = i.tags().get("elasticbeanstalk:environment-name");
      if (env != null && environments.contains(i.scope() + "/" + env)) continue;
      if (!graph.isCollected(i.scope(), ResourceKind.SECURITY_GROUPS)) continue; // its tier cannot be told
      List<GroupNode> groups = graph.nodesOf(i.scope(), i.groupIds());
      String edge = edgeGroup(groups);
      if (edge.isEmpty()) continue; // not behind a load balancer
      ResourceRef ref = new ResourceRef("ec2-instance", i.id(), i.arn(), i.name(), i.scope());
      if (i.publicIp().isEmpty()) {
        out.add(Verdict.pass(ref, () -> "instance " + i.id() + " behind load balancer group " + edge + " has no public IPv4 address"));
        continue;
      }
      if (groups.stream().anyMatch(n -> !n.internetIngress().isEmpty())) continue; // trust-app-bypasses-load-balancer's business
      Optional<Boolean> routed = graph.publicSubnet(i.scope(), i.vpcId(), i.subnetId());
      if (routed.isEmpty()) {
        out.add(Verdict.unknown(ref, "instance " + i.id() + " has public IPv4 address " + i.publicIp() + " but the route table of its subnet "
            + i.subnetId() + " was not collected, so whether it is reachable from the Internet is unknown; capture it: aws ec2 describe-route-tables --region "
            + i.scope().region() + " > describe-route-tables.json"));
      } else if (!routed.get()) {
        out.add(Verdict.pass(ref, () -> "instance " + i.id() + " has public IPv4 address " + i.publicIp() + " but its subnet " + i.subnetId()
            + " has no route to an internet gateway"));
      } else {
        out.add(Verdict.fail(ref, "", "instance " + i.id() + (i.name().isEmpty() ? "" : " (" + i.name() + ")") + " sits behind load balancer group "
            + edge + " but has public IPv4 address " + i.publicIp() + " in " + i.subnetId() + ", routed to an internet gateway:"
            + " one ingress rule away from being reached around the load balancer; move it to a private subnet"));
      }
    }
    return out;
  }

  /** The edge group one of these groups trusts; "" when none. */
  private static String edgeGroup(List<GroupNode> groups) {
    for (GroupNode n : groups) {
      for (Reach r : n.ingress()) {
        if (r.source().kind() == Source.Kind.GROUP && r.sourceNode() != null && r.sourceNode().hasTier(Tier.EDGE)) return r.source().value();
      }
    }
    return "";
  }
}
