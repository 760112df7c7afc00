package dev.postern.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.GroupRef;
import dev.postern.model.Inventory;
import dev.postern.model.Listener;
import dev.postern.model.ListenerAction;
import dev.postern.model.LoadBalancer;
import dev.postern.model.NetworkInterface;
import dev.postern.model.Permission;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import dev.postern.model.Subnet;
import dev.postern.model.TargetGroup;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Internet-facing load balancer → listener → target group → target interface, judged at the target's security groups. */
class LoadBalancerTargetsTest {
  static final Scope S = new Scope("111122223333", "eu-west-1");
  static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/front/1";
  static final String TG_APP = "arn:tg/app";
  static final String TG_IPS = "arn:tg/ips";

  static Permission tcp(int port, List<String> cidrs, String... groups) {
    return new Permission("tcp", port, port, cidrs, List.of(), List.of(groups).stream().map(g -> new GroupRef(g, "")).toList(), List.of());
  }

  static SecurityGroup sg(String id, Permission... in) {
    return new SecurityGroup(S, id, id, "", "vpc-1", S.account(), Map.of(), List.of(in), List.of());
  }

  static NetworkInterface eni(String id, String instance, String group, String ip) {
    return new NetworkInterface(S, id, "vpc-1", "subnet-app", List.of(group), "", "interface", "", false, "", instance, Map.of(), List.of(),
        List.of(ip));
  }

  static Inventory world(String scheme, List<SecurityGroup> groups, List<TargetGroup> tgs, Set<ResourceKind> kinds) {
    LoadBalancer lb = new LoadBalancer(S, LB, "front", "application", scheme, "vpc-1", "front.example", List.of("sg-lb"),
        List.of("subnet-pub-a", "subnet-pub-b"), true,
        List.of(new Listener(LB + "/l", "HTTPS", 443, List.of(new ListenerAction("forward", "", List.of(TG_APP, TG_IPS))), "")),
        false, Map.of());
    List<Subnet> subnets = List.of(new Subnet(S, "subnet-pub-a", "vpc-1", "10.0.2.0/24", "eu-west-1a", true, Map.of()),
        new Subnet(S, "subnet-pub-b", "vpc-1", "10.0.3.0/24", "eu-west-1b", true, Map.of()),
        new Subnet(S, "subnet-app", "vpc-1", "10.0.8.0/24", "eu-west-1a", false, Map.of()));
    List<NetworkInterface> enis = List.of(eni("eni-app", "i-app", "sg-app", "10.0.8.10"), eni("eni-ip", "", "sg-ip", "10.0.8.20"));
    return new Inventory(Map.of(S, kinds), groups, enis, List.of(), List.of(), subnets, List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(lb), List.of(), List.of(), List.of(), List.of(), List.of(), tgs);
  }

  static List<TargetGroup> targetGroups(boolean ipTargetsKnown) {
    return List.of(new TargetGroup(S, TG_APP, "app", "HTTP", 8080, "instance", "vpc-1", List.of(LB), true,
            List.of(new TargetGroup.Target("i-app", 0), new TargetGroup.Target("i-gone", 0))),
        new TargetGroup(S, TG_IPS, "ips", "HTTP", 9000, "ip", "vpc-1", List.of(LB), ipTargetsKnown,
            ipTargetsKnown ? List.of(new TargetGroup.Target("10.0.8.20", 9443)) : List.of()));
  }

  @Test
  void aForwardReachesEachTargetOnItsPortOpenWhereItsGroupAdmitsTheLoadBalancer() {
    Inventory inv = world("internet-facing", List.of(sg("sg-lb"), sg("sg-app", tcp(8080, List.of(), "sg-lb")),
        sg("sg-ip", tcp(9443, List.of("10.0.2.0/23")))), targetGroups(true), EnumSet.allOf(ResourceKind.class));
    List<LoadBalancerTargets.Leg> legs = LoadBalancerTargets.of(inv).legs();
    List<String> seen = new ArrayList<>();
    legs.forEach(l -> seen.add(l.outcome() + " " + l.hops() + " | " + l.reason()));
    assertEquals(List.of(
        "OPEN elb front listener tcp/443 → tg app → sg-app tcp/8080 → eni-app | sg-app admits tcp/8080 from the load balancer's group",
        "UNKNOWN elb front listener tcp/443 → tg app → i-gone | no network interface of target i-gone was seen",
        "OPEN elb front listener tcp/443 → tg ips → sg-ip tcp/9443 → eni-ip | sg-ip admits tcp/9443 from the load balancer's subnets"),
        seen);
    assertEquals(1, LoadBalancerTargets.of(inv).to(S, Set.of("i-app")).size());
    assertEquals(1, LoadBalancerTargets.of(inv).to(S, Set.of("eni-ip")).size());
  }

  @Test
  void aTargetWhoseGroupAdmitsNeitherTheBalancersGroupNorItsSubnetsIsBlockedThere() {
    // sg-app admits 8080 from another group; sg-ip admits 9443 from only one of the balancer's two subnets.
    Inventory inv = world("internet-facing", List.of(sg("sg-lb"), sg("sg-app", tcp(8080, List.of(), "sg-other"), tcp(80, List.of(), "sg-lb")),
        sg("sg-ip", tcp(9443, List.of("10.0.2.0/24")))), targetGroups(true), EnumSet.allOf(ResourceKind.class));
    List<LoadBalancerTargets.Leg> legs = LoadBalancerTargets.of(inv).to(S, Set.of("eni-app", "eni-ip"));
    assertEquals(2, legs.size());
    for (LoadBalancerTargets.Leg l : legs) assertEquals(NetworkPath.Outcome.BLOCKED, l.outcome(), l.reason());
    assertEquals("no security group of eni-app (sg-app) admits tcp/8080 from load balancer front's group (sg-lb) or its subnets",
        legs.get(0).reason());
  }

  @Test
  void internalBalancersAndTargetsNotCollectedGiveNoLeg() {
    List<SecurityGroup> groups = List.of(sg("sg-lb"), sg("sg-app", tcp(8080, List.of(), "sg-lb")), sg("sg-ip", tcp(9443, List.of("0.0.0.0/0"))));
    assertTrue(LoadBalancerTargets.of(world("internal", groups, targetGroups(true), EnumSet.allOf(ResourceKind.class))).legs().isEmpty());
    Inventory partial = world("internet-facing", groups, targetGroups(false), EnumSet.allOf(ResourceKind.class));
    assertEquals(Set.of("app"), Set.copyOf(LoadBalancerTargets.of(partial).legs().stream().map(l -> l.targetGroup().name()).toList()),
        "the group whose targets were not read gives no leg (unknown, not none)");
    Inventory old = world("internet-facing", groups, List.of(), EnumSet.of(ResourceKind.SECURITY_GROUPS));
    assertEquals("target groups of 111122223333/eu-west-1 not collected (elbv2 describe-target-groups)", LoadBalancerTargets.unknown(old, S));
    assertEquals("targets of target group(s) ips not collected (elbv2 describe-target-health)", LoadBalancerTargets.unknown(partial, S));
    assertEquals("", LoadBalancerTargets.unknown(world("internet-facing", groups, targetGroups(true), EnumSet.allOf(ResourceKind.class)), S));
  }
}
