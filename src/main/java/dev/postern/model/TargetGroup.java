package dev.postern.model;

import java.util.List;

/**
 * An ELBv2 target group: where a listener's {@code forward} action sends traffic. {@code targetsKnown}
 * says whether its registered targets were read (DescribeTargetHealth); without them its targets are
 * unknown, never "none".
 */
public record TargetGroup(
    Scope scope,
    String arn,
    String name,
    String protocol,
    /** The group's port; 0 for a Lambda group (which has none). */
    int port,
    /** {@code instance}, {@code ip}, {@code lambda} or {@code alb}. */
    String targetType,
    String vpcId,
    List<String> loadBalancerArns,
    boolean targetsKnown,
    List<Target> targets)
    implements Resource {
  public TargetGroup {
    loadBalancerArns = List.copyOf(loadBalancerArns);
    targets = List.copyOf(targets);
  }

  /** A registered target: an instance id, a private IP address, a Lambda ARN or an ALB ARN; {@code port} 0 when not given. */
  public record Target(String id, int port) {}

  /** The port a target receives on: its own, else the group's. */
  public int portOf(Target t) {
    return t.port() > 0 ? t.port() : port;
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("target-group", name, arn, name, scope);
  }
}
