package dev.postern.rules.checks;

import dev.postern.graph.NetworkPath;
import dev.postern.graph.Reach;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
import dev.postern.model.Reachability;
import dev.postern.model.ResourceKind;
import dev.postern.model.SecurityGroup;
import dev.postern.model.Severity;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * RDS PubliclyAccessible. At the rule's severity when the flag is set AND a group admits the
 * port from the Internet AND a subnet of the instance routes to an internet gateway; at
 * {@code flagOnlySeverity} on the flag alone. The message says which of the three hold.
 */
public final class RdsPublicAccessCheck implements Check<RdsPublicAccessCheck.Params> {
  public record Params(Severity flagOnlySeverity) {
    public Params {
      flagOnlySeverity = flagOnlySeverity == null ? Severity.HIGH : flagOnlySeverity;
    }
  }

  @Override
  public String name() {
    return "rds-public-access";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    Map<String, List<DbInstance>> members = new HashMap<>();
    for (DbInstance i : graph.inventory().dbInstances()) {
      if (i.inCluster()) members.computeIfAbsent(i.scope().key(i.clusterId()), k -> new ArrayList<>()).add(i);
    }
    for (DataStore d : graph.dataStores()) {
      boolean flag;
      List<String> subnets;
      if (d instanceof DbInstance i) {
        flag = i.publiclyAccessible();
        subnets = i.subnetIds();
      } else if (d instanceof DbCluster c) {
        List<DbInstance> of = members.getOrDefault(c.scope().key(c.id()), List.of());
        flag = c.publiclyAccessible() || of.stream().anyMatch(DbInstance::publiclyAccessible);
        subnets = of.stream().flatMap(i -> i.subnetIds().stream()).distinct().toList();
      } else {
        continue;
      }
      if (!flag) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " is not publicly accessible"));
        continue;
      }
      Optional<String> openRule = Optional.empty();
      List<NetworkPath.Judgement> paths = new ArrayList<>();
      for (SecurityGroup g : DataStores.groups(graph, d)) {
        for (Reach r : graph.ingress(g)) {
          if (r.source().isInternet() && DataStores.reachesPort(r, d)) {
            if (openRule.isEmpty()) openRule = Optional.of(g.id() + " admits " + r.permission().portLabel() + " from " + r.source().label());
            paths.addAll(path(graph, d, g, r));
          }
        }
      }
      boolean groupsKnown = graph.isCollected(d.ref().scope(), ResourceKind.SECURITY_GROUPS);
      Optional<String> publicSubnet = Optional.empty();
      boolean routesKnown = graph.isCollected(d.ref().scope(), ResourceKind.ROUTE_TABLES) && !subnets.isEmpty();
      for (String s : subnets) {
        if (graph.publicSubnet(d.ref().scope(), "", s).orElse(false) && publicSubnet.isEmpty()) publicSubnet = Optional.of(s);
      }
      StringBuilder m = new StringBuilder(d.ref().label() + " is publicly accessible (PubliclyAccessible=true)");
      m.append(openRule.map(x -> "; " + x).orElse(groupsKnown ? "; no group admits " + DataStores.port(d) + " from the Internet" : "; its groups were not collected"));
      m.append(publicSubnet.map(x -> "; subnet " + x + " routes 0.0.0.0/0 to an internet gateway")
          .orElse(routesKnown ? "; none of its subnets routes to an internet gateway" : "; its subnets' routes are not known"));
      String fix = "aws rds " + (d instanceof DbCluster ? "modify-db-cluster --db-cluster-identifier " : "modify-db-instance --db-instance-identifier ")
          + d.ref().id() + " --region " + d.ref().scope().region() + " --no-publicly-accessible --apply-immediately";
      if (d instanceof DbCluster) {
        fix = "aws rds modify-db-instance --region " + d.ref().scope().region() + " --db-instance-identifier <each member of " + d.ref().id() + "> --no-publicly-accessible --apply-immediately";
      }
      Reachability reach = !paths.isEmpty() ? graph.networkPath().summarise(paths, "")
          : groupsKnown ? new Reachability(Reachability.State.BLOCKED, "", "no security group of " + d.ref().id() + " admits " + DataStores.port(d)
              + " from the Internet")
          : new Reachability(Reachability.State.UNKNOWN, "", "the security groups of " + d.ref().scope() + " were not collected");
      Verdict v = Verdict.fail(d.ref(), "", m.toString(), fix).reaching(reach);
      out.add(openRule.isPresent() && publicSubnet.isPresent() ? v : v.at(p.flagOnlySeverity()));
    }
    return out;
  }

  /** The network path from the Internet to the database itself (not the group's other members) on its port. */
  private static List<NetworkPath.Judgement> path(TrustGraph graph, DataStore d, SecurityGroup g, Reach r) {
    NetworkPath path = graph.networkPath();
    int from = d.port() > 0 ? d.port() : r.permission().fromPort();
    int to = d.port() > 0 ? d.port() : r.permission().toPort();
    NetworkPath.Query q = new NetworkPath.Query(r.permission().protocol(), from, to, r.source().value());
    List<NetworkPath.Judgement> out = new ArrayList<>();
    for (NetworkPath.Member m : path.members(d.ref().scope(), g.id())) {
      if (m.ref().equals(d.ref())) out.addAll(path.toMember(m, q, g.id() + " " + (d.port() > 0 ? "tcp/" + d.port() : r.permission().portLabel())));
    }
    return out;
  }
}
