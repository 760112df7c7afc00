package dev.postern.rules.checks;

import dev.postern.graph.Reach;
import dev.postern.graph.TrustGraph;
import dev.postern.model.GroupRef;
import dev.postern.model.NetworkInterface;
import dev.postern.model.Permission;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A security group attached to nothing (no network interface, instance, load balancer, data store
 * or Beanstalk environment) and referenced by no other group's rules. Default groups are left out
 * (they cannot be deleted). "Attached to nothing" needs every list that can attach a group: a
 * scope missing one of them is UNKNOWN for its groups, saying which.
 */
public final class UnusedGroupCheck implements Check<UnusedGroupCheck.Params> {
  public record Params() {}

  /** The lists whose resources carry security groups. */
  static final List<ResourceKind> ATTACHING = List.of(ResourceKind.NETWORK_INTERFACES, ResourceKind.INSTANCES,
      ResourceKind.LOAD_BALANCERS, ResourceKind.DB_INSTANCES, ResourceKind.DB_CLUSTERS, ResourceKind.CACHE_CLUSTERS,
      ResourceKind.REPLICATION_GROUPS);

  @Override
  public String name() {
    return "security-group-unused";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    Map<Scope, Set<String>> onInterfaces = new HashMap<>();
    for (NetworkInterface n : graph.inventory().networkInterfaces()) {
      onInterfaces.computeIfAbsent(n.scope(), k -> new HashSet<>()).addAll(n.groupIds());
    }
    Map<Scope, Set<String>> inEgress = new HashMap<>();
    for (SecurityGroup g : graph.groups()) {
      for (Permission e : g.egress()) {
        for (GroupRef r : e.groups()) if (!r.groupId().equals(g.id())) inEgress.computeIfAbsent(g.scope(), k -> new HashSet<>()).add(r.groupId());
      }
    }
    Map<Scope, String> missing = new HashMap<>();
    for (SecurityGroup g : graph.groups()) {
      if (g.isDefault()) continue;
      String notCollected = missing.computeIfAbsent(g.scope(), s -> ATTACHING.stream().filter(k -> !graph.isCollected(s, k))
          .map(k -> k.service() + " " + k.operation()).collect(Collectors.joining(", ")));
      if (!graph.attachments(g).isEmpty() || onInterfaces.getOrDefault(g.scope(), Set.of()).contains(g.id())) {
        out.add(Verdict.pass(graph.ref(g), () -> g.label() + " is in use: " + graph.attachmentLabel(g)));
        continue;
      }
      String referrer = referrer(graph, g, inEgress.getOrDefault(g.scope(), Set.of()));
      if (!referrer.isEmpty()) {
        out.add(Verdict.pass(graph.ref(g), () -> g.label() + " is attached to nothing but referenced by " + referrer));
        continue;
      }
      if (!notCollected.isEmpty()) {
        out.add(Verdict.unknown(graph.ref(g), g.label() + " is attached to nothing collected, but " + notCollected
            + " of " + g.scope() + " were not collected, so whether anything uses it is unknown"));
        continue;
      }
      out.add(Verdict.fail(graph.ref(g), "", g.label() + " in " + g.vpcId() + " is attached to no network interface, instance, load balancer,"
          + " data store or environment, and no other group refers to it; delete it if nothing will use it",
          "aws ec2 delete-security-group --region " + g.scope().region() + " --group-id " + g.id()));
    }
    return out;
  }

  /** Another group that trusts it (ingress) or sends to it (egress); "" when none. */
  private static String referrer(TrustGraph graph, SecurityGroup g, Set<String> egressTargets) {
    for (Reach r : graph.referencedBy(g)) {
      if (!r.target().id().equals(g.id())) return r.target().id() + " (ingress)";
    }
    return egressTargets.contains(g.id()) ? "another group's egress rules" : "";
  }
}
