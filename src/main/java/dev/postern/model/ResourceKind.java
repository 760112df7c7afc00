package dev.postern.model;

import java.util.Locale;
import java.util.Optional;

/** What can be collected, per scope. A kind absent from a scope's collected set is unknown there. */
public enum ResourceKind {
  SECURITY_GROUPS("ec2", "DescribeSecurityGroups"),
  NETWORK_INTERFACES("ec2", "DescribeNetworkInterfaces"),
  INSTANCES("ec2", "DescribeInstances"),
  VPCS("ec2", "DescribeVpcs"),
  SUBNETS("ec2", "DescribeSubnets"),
  ROUTE_TABLES("ec2", "DescribeRouteTables"),
  PREFIX_LISTS("ec2", "GetManagedPrefixListEntries"),
  DB_INSTANCES("rds", "DescribeDBInstances"),
  DB_CLUSTERS("rds", "DescribeDBClusters"),
  DB_PARAMETERS("rds", "DescribeDBParameters"),
  CACHE_CLUSTERS("elasticache", "DescribeCacheClusters"),
  REPLICATION_GROUPS("elasticache", "DescribeReplicationGroups"),
  EB_ENVIRONMENTS("elasticbeanstalk", "DescribeEnvironments"),
  EB_RESOURCES("elasticbeanstalk", "DescribeEnvironmentResources"),
  EB_SETTINGS("elasticbeanstalk", "DescribeConfigurationSettings"),
  LOAD_BALANCERS("elasticloadbalancingv2", "DescribeLoadBalancers"),
  LISTENERS("elasticloadbalancingv2", "DescribeListeners"),
  /** Per load balancer; optional in AWS CLI input (rules that need it say UNKNOWN without it). */
  LB_ATTRIBUTES("elasticloadbalancingv2", "DescribeLoadBalancerAttributes"),
  // The network path (docs/reachability.md). Optional: a capture without them judges that layer UNKNOWN.
  NETWORK_ACLS("ec2", "DescribeNetworkAcls"),
  INTERNET_GATEWAYS("ec2", "DescribeInternetGateways"),
  EGRESS_ONLY_INTERNET_GATEWAYS("ec2", "DescribeEgressOnlyInternetGateways"),
  NAT_GATEWAYS("ec2", "DescribeNatGateways"),
  ADDRESSES("ec2", "DescribeAddresses"),
  VPC_PEERING_CONNECTIONS("ec2", "DescribeVpcPeeringConnections"),
  // A load balancer's targets (optional: a capture without them judges "Internet → load balancer → target" UNKNOWN).
  TARGET_GROUPS("elasticloadbalancingv2", "DescribeTargetGroups"),
  /** Per target group. */
  TARGET_HEALTH("elasticloadbalancingv2", "DescribeTargetHealth");

  private final String service;
  private final String operation;

  ResourceKind(String service, String operation) {
    this.service = service;
    this.operation = operation;
  }

  public String service() {
    return service;
  }

  public String operation() {
    return operation;
  }

  /** kebab-case name used in snapshots and reports, e.g. {@code security-groups}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ResourceKind fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * The kind whose collection lists resources of a finding's {@code ResourceRef.type()}; empty for
   * a type postern does not know (then only a complete scope vouches for it).
   */
  public static Optional<ResourceKind> ofResourceType(String type) {
    return Optional.ofNullable(switch (type) {
      case "security-group" -> SECURITY_GROUPS;
      case "network-interface" -> NETWORK_INTERFACES;
      case "ec2-instance" -> INSTANCES;
      case "vpc" -> VPCS;
      case "subnet" -> SUBNETS;
      case "route-table" -> ROUTE_TABLES;
      case "rds-instance" -> DB_INSTANCES;
      case "rds-cluster" -> DB_CLUSTERS;
      case "rds-parameter-group" -> DB_PARAMETERS;
      case "elasticache-cluster" -> CACHE_CLUSTERS;
      case "elasticache-replication-group" -> REPLICATION_GROUPS;
      case "beanstalk-environment" -> EB_ENVIRONMENTS;
      case "load-balancer" -> LOAD_BALANCERS;
      case "network-acl" -> NETWORK_ACLS;
      case "target-group" -> TARGET_GROUPS;
      default -> null;
    });
  }
}
