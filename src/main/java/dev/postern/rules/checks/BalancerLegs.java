package dev.postern.rules.checks;

import dev.postern.graph.LoadBalancerTargets;
import dev.postern.graph.NetworkPath;
import dev.postern.graph.TrustGraph;
import dev.postern.model.SecurityGroup;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The listener and target group between a load balancer's group and the next group of a route
 * (docs/reachability.md, section 8): {@code  → listener tcp/443 → tg app} when members of
 * {@code next} are targets that an internet-facing balancer wearing {@code entry} forwards to and
 * whose group admits it; "" otherwise. Built on first use, once per evaluation.
 */
final class BalancerLegs {
  private final TrustGraph graph;
  private LoadBalancerTargets targets;

  BalancerLegs(TrustGraph graph) {
    this.graph = graph;
  }

  String between(SecurityGroup entry, SecurityGroup next) {
    if (targets == null) targets = LoadBalancerTargets.of(graph.inventory());
    Set<String> listeners = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (LoadBalancerTargets.Leg l : targets.legs()) {
      if (l.outcome() != NetworkPath.Outcome.OPEN || !l.loadBalancer().scope().equals(entry.scope())) continue;
      if (!l.loadBalancer().groupIds().contains(entry.id()) || !l.eni().map(e -> e.groupIds().contains(next.id())).orElse(false)) continue;
      listeners.add("elb " + l.loadBalancer().name() + " listener " + l.listenerLabel());
      groups.add("tg " + l.targetGroup().name());
    }
    if (listeners.isEmpty()) return "";
    return " → " + String.join(", ", listeners) + " → " + String.join(", ", groups);
  }
}
