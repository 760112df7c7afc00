package dev.postern.report;

import dev.postern.model.Finding;
import java.util.List;

/**
 * What {@code postern explain} found about one resource, as plain data for {@link ExplainReporter}:
 * its security groups, who each admits ({@code from} with an IPv4 source and its IPv6 twin merged,
 * as {@code 0.0.0.0/0, ::/0 (the Internet)}), the chains from the Internet (each once), and the
 * findings on the resource and its groups. {@code port} is the resource's own port, 0 when it has
 * none; {@code notCollected} how many kinds of resource could not be collected.
 */
public record ExplainView(String resource, String title, int port, List<Group> groups, List<Ingress> ingress, List<Chain> chains,
    int maxHops, List<Finding> findings, int notCollected, List<BalancerLeg> balancerLegs) {
  public ExplainView {
    groups = List.copyOf(groups);
    ingress = List.copyOf(ingress);
    chains = List.copyOf(chains);
    findings = List.copyOf(findings);
    balancerLegs = List.copyOf(balancerLegs);
  }

  /** A view without load balancer legs. */
  public ExplainView(String resource, String title, int port, List<Group> groups, List<Ingress> ingress, List<Chain> chains,
      int maxHops, List<Finding> findings, int notCollected) {
    this(resource, title, port, groups, ingress, chains, maxHops, findings, notCollected, List.of());
  }

  /**
   * An internet-facing load balancer's listener forwarding to a target group that holds the
   * resource ({@code hops}: {@code elb front listener tcp/443 → tg app → sg-app tcp/8080 → eni-…}),
   * with its outcome at the target's security groups (open, blocked, unknown) and why; {@code hops}
   * empty for what could not be judged at all (target groups not collected).
   */
  public record BalancerLeg(String hops, String outcome, String reason) {}

  public record Group(String id, String label, String tier, String attachments) {}

  /** One ingress rule of {@code group}; {@code ports} empty when the group has no ingress rule at all. */
  public record Ingress(String group, String ports, String from, boolean matchesPort) {}

  public record Hop(String group, String ports, String tier) {}

  /** A chain from the Internet: {@code hops.get(0)} admits the Internet, the last hop guards the resource. */
  public record Chain(List<Hop> hops, Verdict verdict, List<Layer> network) {
    public Chain {
      hops = List.copyOf(hops);
      network = List.copyOf(network);
    }

    public Chain(List<Hop> hops, Verdict verdict) {
      this(hops, verdict, List.of());
    }
  }

  /**
   * One layer of the network path into the chain's first group (docs/reachability.md): {@code name}
   * (route, network-acl-in, network-acl-out, security-group, address), {@code outcome} (open,
   * blocked, unknown) and what decides it.
   */
  public record Layer(String name, String outcome, String element) {}

  public enum Verdict {
    /** Through the load balancer (edge) then only the application tier. */
    THROUGH_LOAD_BALANCER("load balancer → application chain", "through-load-balancer"),
    /** The Internet reaches the resource's own group. */
    DIRECT("directly", "direct"),
    /** Around the load balancer and application tier. */
    AROUND_LOAD_BALANCER("NOT through the load balancer and application tier", "around-load-balancer"),
    /** The first group admits the Internet, but nothing attached to it faces the Internet. */
    ENTRY_NOT_EXPOSED("entry not reachable: nothing attached to it faces the Internet", "entry-not-exposed");

    public final String text;
    public final String id;

    Verdict(String text, String id) {
      this.text = text;
      this.id = id;
    }

    public boolean open() {
      return this == DIRECT || this == AROUND_LOAD_BALANCER;
    }
  }
}
