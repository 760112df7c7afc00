package dev.postern.graph;

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
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leg "Internet → load balancer → target" (docs/reachability.md): an internet-facing load
 * balancer's listener whose default action forwards to a target group reaches that group's
 * registered targets (an instance: its interfaces; an IP address: the interface that holds it) on
 * the target's port (its own, else the group's). The target's security groups must admit the load
 * balancer's groups, or its subnets' addresses, on that port; the load balancer's own path from the
 * Internet is {@link NetworkPath}'s.
 */
public final class LoadBalancerTargets {
  /**
   * One listener → target group → target interface leg. {@code eni} is empty when the target could
   * not be found among the interfaces (then {@code outcome} is UNKNOWN and {@code reason} says why).
   * {@code group} is the target's security group that admits the load balancer (OPEN), or the first
   * of its groups (BLOCKED: none admits it).
   */
  public record Leg(LoadBalancer loadBalancer, Listener listener, TargetGroup targetGroup, String target, int port,
      Optional<NetworkInterface> eni, NetworkPath.Outcome outcome, String group, String reason) {
    /** {@code tcp/443}. */
    public String listenerLabel() {
      return LoadBalancerTargets.listenerLabel(listener);
    }

    /** {@code elb front listener tcp/80 → tg app → sg-app tcp/8080 → eni-…}. */
    public String hops() {
      StringBuilder b = new StringBuilder("elb ").append(loadBalancer.name()).append(" listener ").append(listenerLabel())
          .append(" → tg ").append(targetGroup.name());
      if (!group.isEmpty()) b.append(" → ").append(group).append(" tcp/").append(port);
      b.append(" → ").append(eni.map(NetworkInterface::id).orElse(target));
      return b.toString();
    }
  }

  private final List<Leg> legs;

  private LoadBalancerTargets(List<Leg> legs) {
    this.legs = List.copyOf(legs);
  }

  /** Every leg of every internet-facing load balancer whose listeners and target groups were read. */
  public List<Leg> legs() {
    return legs;
  }

  /** The legs that end at {@code eniId} or at {@code target} (an instance id, an IP address). */
  public List<Leg> to(Scope scope, Set<String> ids) {
    return legs.stream().filter(l -> l.loadBalancer().scope().equals(scope)
        && (ids.contains(l.target()) || l.eni().map(e -> ids.contains(e.id())).orElse(false))).toList();
  }

  /**
   * What is not known about the targets of the internet-facing load balancers of {@code scope}
   * ("" when everything needed was read): target groups or their targets not collected.
   */
  public static String unknown(Inventory inv, Scope scope) {
    if (!inv.isCollected(scope, ResourceKind.TARGET_GROUPS)) return "target groups of " + scope + " not collected (elbv2 describe-target-groups)";
    Set<String> facing = new java.util.HashSet<>();
    inv.loadBalancers().forEach(l -> { if (l.scope().equals(scope) && l.internetFacing()) facing.add(l.arn()); });
    List<String> missing = inv.targetGroups().stream().filter(t -> t.scope().equals(scope) && !t.targetsKnown()
        && t.loadBalancerArns().stream().anyMatch(facing::contains)).map(TargetGroup::name).toList();
    return missing.isEmpty() ? "" : "targets of target group(s) " + String.join(", ", missing) + " not collected (elbv2 describe-target-health)";
  }

  public static LoadBalancerTargets of(Inventory inv) {
    Map<String, TargetGroup> groups = new HashMap<>();
    inv.targetGroups().forEach(t -> groups.put(t.arn(), t));
    Map<String, SecurityGroup> sgs = new HashMap<>();
    inv.securityGroups().forEach(g -> sgs.put(g.scope() + " " + g.id(), g));
    Map<String, Subnet> subnets = new HashMap<>();
    inv.subnets().forEach(s -> subnets.put(s.scope() + " " + s.id(), s));
    Map<String, List<NetworkInterface>> byInstance = new HashMap<>();
    Map<String, List<NetworkInterface>> byIp = new HashMap<>();
    for (NetworkInterface n : inv.networkInterfaces()) {
      if (!n.attachedInstanceId().isEmpty()) byInstance.computeIfAbsent(n.scope() + " " + n.attachedInstanceId(), k -> new ArrayList<>()).add(n);
      for (String ip : n.privateIps()) byIp.computeIfAbsent(n.scope() + " " + n.vpcId() + " " + ip, k -> new ArrayList<>()).add(n);
    }
    List<Leg> out = new ArrayList<>();
    for (LoadBalancer lb : inv.loadBalancers()) {
      if (!lb.internetFacing() || !lb.listenersKnown()) continue;
      for (Listener l : lb.listeners()) {
        for (ListenerAction a : l.defaultActions()) {
          if (!"forward".equals(a.type())) continue;
          for (String arn : a.targetGroupArns()) {
            TargetGroup tg = groups.get(arn);
            if (tg == null || !tg.targetsKnown()) continue;
            for (TargetGroup.Target t : tg.targets()) {
              int port = tg.portOf(t);
              List<NetworkInterface> enis = switch (tg.targetType()) {
                case "instance" -> byInstance.get(lb.scope() + " " + t.id());
                case "ip" -> byIp.get(lb.scope() + " " + tg.vpcId() + " " + t.id());
                default -> null;
              };
              if (enis == null || enis.isEmpty()) {
                String why = "instance".equals(tg.targetType()) || "ip".equals(tg.targetType())
                    ? "no network interface of target " + t.id() + " was seen"
                    : "a " + tg.targetType() + " target is not modelled";
                out.add(new Leg(lb, l, tg, t.id(), port, Optional.empty(), NetworkPath.Outcome.UNKNOWN, "", why));
                continue;
              }
              for (NetworkInterface n : enis) out.add(judge(lb, l, tg, t.id(), port, n, sgs, subnets));
            }
          }
        }
      }
    }
    return new LoadBalancerTargets(out);
  }

  /** The target interface's security groups against the load balancer's groups and subnets. */
  private static Leg judge(LoadBalancer lb, Listener l, TargetGroup tg, String target, int port, NetworkInterface n,
      Map<String, SecurityGroup> sgs, Map<String, Subnet> subnets) {
    List<IPAddress> lbRanges = new ArrayList<>();
    boolean rangesKnown = true;
    for (String s : lb.subnetIds()) {
      Subnet sn = subnets.get(lb.scope() + " " + s);
      IPAddress b = sn == null ? null : NetworkPath.block(sn.cidr());
      if (b == null) rangesKnown = false;
      else lbRanges.add(b);
    }
    boolean groupsKnown = true;
    for (String gid : n.groupIds()) {
      SecurityGroup g = sgs.get(n.scope() + " " + gid);
      if (g == null) {
        groupsKnown = false;
        continue;
      }
      for (Permission p : g.ingress()) {
        if (!(p.allProtocols() || "tcp".equals(p.protocol()) || "6".equals(p.protocol())) || !p.coversPort(port)) continue;
        boolean byGroup = p.groups().stream().anyMatch(r -> lb.groupIds().contains(r.groupId()));
        boolean byRange = !lbRanges.isEmpty() && lbRanges.stream().allMatch(r -> p.ipv4Ranges().stream()
            .map(NetworkPath::block).anyMatch(c -> c != null && c.contains(r)));
        if (byGroup || byRange) {
          return new Leg(lb, l, tg, target, port, Optional.of(n), NetworkPath.Outcome.OPEN, g.id(),
              g.id() + " admits tcp/" + port + " from " + (byGroup ? "the load balancer's group" : "the load balancer's subnets"));
        }
      }
    }
    String first = n.groupIds().isEmpty() ? "" : n.groupIds().get(0);
    if (!groupsKnown || !rangesKnown && lb.groupIds().isEmpty()) {
      return new Leg(lb, l, tg, target, port, Optional.of(n), NetworkPath.Outcome.UNKNOWN, first,
          !groupsKnown ? "a security group of " + n.id() + " was not collected" : "the subnets of load balancer " + lb.name() + " are not known");
    }
    return new Leg(lb, l, tg, target, port, Optional.of(n), NetworkPath.Outcome.BLOCKED, String.join(", ", n.groupIds()),
        "no security group of " + n.id() + " (" + String.join(", ", n.groupIds()) + ") admits tcp/" + port + " from load balancer "
            + lb.name() + "'s group" + (lb.groupIds().isEmpty() ? "" : " (" + String.join(", ", lb.groupIds()) + ")")
            + " or its subnets");
  }

  /** {@code tcp/443}: HTTP, HTTPS, TLS and TCP listeners are TCP; UDP listeners UDP. */
  static String listenerLabel(Listener l) {
    String proto = l.protocol().startsWith("UDP") ? "udp" : "tcp";
    return proto + "/" + l.port();
  }
}
