package dev.postern.graph;

/** Where a security group sits in the chain of trust, from what it is attached to. */
public enum Tier {
  /** Internet-facing load balancer. */
  EDGE,
  /** Instances, Beanstalk instances, containers, functions. */
  APP,
  /** RDS and ElastiCache. */
  DATA,
  /** Attached to something else (an internal load balancer, a VPC endpoint, …). */
  OTHER;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
