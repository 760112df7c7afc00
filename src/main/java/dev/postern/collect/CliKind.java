package dev.postern.collect;

import dev.postern.model.ResourceKind;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentResourcesResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbParametersResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The AWS CLI outputs postern reads, each recognised by its top-level key and read into the SDK
 * response type the live collector gets from the same call.
 */
enum CliKind {
  SECURITY_GROUPS("SecurityGroups", "ec2 describe-security-groups", ResourceKind.SECURITY_GROUPS,
      DescribeSecurityGroupsResponse.serializableBuilderClass(), DescribeSecurityGroupsResponse::builder),
  NETWORK_INTERFACES("NetworkInterfaces", "ec2 describe-network-interfaces",
      ResourceKind.NETWORK_INTERFACES, DescribeNetworkInterfacesResponse.serializableBuilderClass(), DescribeNetworkInterfacesResponse::builder),
  INSTANCES("Reservations", "ec2 describe-instances", ResourceKind.INSTANCES,
      DescribeInstancesResponse.serializableBuilderClass(), DescribeInstancesResponse::builder),
  VPCS("Vpcs", "ec2 describe-vpcs", ResourceKind.VPCS, DescribeVpcsResponse.serializableBuilderClass(), DescribeVpcsResponse::builder),
  SUBNETS("Subnets", "ec2 describe-subnets", ResourceKind.SUBNETS,
      DescribeSubnetsResponse.serializableBuilderClass(), DescribeSubnetsResponse::builder),
  ROUTE_TABLES("RouteTables", "ec2 describe-route-tables", ResourceKind.ROUTE_TABLES,
      DescribeRouteTablesResponse.serializableBuilderClass(), DescribeRouteTablesResponse::builder),
  PREFIX_LISTS("PrefixLists", "ec2 describe-managed-prefix-lists", ResourceKind.PREFIX_LISTS,
      DescribeManagedPrefixListsResponse.serializableBuilderClass(), DescribeManagedPrefixListsResponse::builder),
  PREFIX_LIST_ENTRIES("Entries", "ec2 get-managed-prefix-list-entries", ResourceKind.PREFIX_LISTS,
      GetManagedPrefixListEntriesResponse.serializableBuilderClass(), GetManagedPrefixListEntriesResponse::builder),
  DB_INSTANCES("DBInstances", "rds describe-db-instances", ResourceKind.DB_INSTANCES,
      DescribeDbInstancesResponse.serializableBuilderClass(), DescribeDbInstancesResponse::builder),
  DB_CLUSTERS("DBClusters", "rds describe-db-clusters", ResourceKind.DB_CLUSTERS,
      DescribeDbClustersResponse.serializableBuilderClass(), DescribeDbClustersResponse::builder),
  DB_PARAMETERS("Parameters", "rds describe-db-parameters", ResourceKind.DB_PARAMETERS,
      DescribeDbParametersResponse.serializableBuilderClass(), DescribeDbParametersResponse::builder),
  CACHE_CLUSTERS("CacheClusters", "elasticache describe-cache-clusters", ResourceKind.CACHE_CLUSTERS,
      DescribeCacheClustersResponse.serializableBuilderClass(), DescribeCacheClustersResponse::builder),
  REPLICATION_GROUPS("ReplicationGroups", "elasticache describe-replication-groups",
      ResourceKind.REPLICATION_GROUPS, DescribeReplicationGroupsResponse.serializableBuilderClass(), DescribeReplicationGroupsResponse::builder),
  EB_ENVIRONMENTS("Environments", "elasticbeanstalk describe-environments",
      ResourceKind.EB_ENVIRONMENTS, DescribeEnvironmentsResponse.serializableBuilderClass(), DescribeEnvironmentsResponse::builder),
  EB_RESOURCES("EnvironmentResources", "elasticbeanstalk describe-environment-resources",
      ResourceKind.EB_RESOURCES, DescribeEnvironmentResourcesResponse.serializableBuilderClass(), DescribeEnvironmentResourcesResponse::builder),
  EB_SETTINGS("ConfigurationSettings", "elasticbeanstalk describe-configuration-settings",
      ResourceKind.EB_SETTINGS, DescribeConfigurationSettingsResponse.serializableBuilderClass(), DescribeConfigurationSettingsResponse::builder),
  LOAD_BALANCERS("LoadBalancers", "elbv2 describe-load-balancers", ResourceKind.LOAD_BALANCERS,
      DescribeLoadBalancersResponse.serializableBuilderClass(), DescribeLoadBalancersResponse::builder),
  LISTENERS("Listeners", "elbv2 describe-listeners", ResourceKind.LISTENERS,
      DescribeListenersResponse.serializableBuilderClass(), DescribeListenersResponse::builder),
  /** Names no load balancer: the subject comes from the file name ({@code lb-attributes-<name>.json}). */
  LB_ATTRIBUTES("Attributes", "elbv2 describe-load-balancer-attributes", ResourceKind.LB_ATTRIBUTES,
      DescribeLoadBalancerAttributesResponse.serializableBuilderClass(), DescribeLoadBalancerAttributesResponse::builder),
  // The network path: optional (a capture without them judges that layer UNKNOWN).
  NETWORK_ACLS("NetworkAcls", "ec2 describe-network-acls", ResourceKind.NETWORK_ACLS,
      DescribeNetworkAclsResponse.serializableBuilderClass(), DescribeNetworkAclsResponse::builder),
  INTERNET_GATEWAYS("InternetGateways", "ec2 describe-internet-gateways", ResourceKind.INTERNET_GATEWAYS,
      DescribeInternetGatewaysResponse.serializableBuilderClass(), DescribeInternetGatewaysResponse::builder),
  EGRESS_ONLY_INTERNET_GATEWAYS("EgressOnlyInternetGateways", "ec2 describe-egress-only-internet-gateways",
      ResourceKind.EGRESS_ONLY_INTERNET_GATEWAYS, DescribeEgressOnlyInternetGatewaysResponse.serializableBuilderClass(),
      DescribeEgressOnlyInternetGatewaysResponse::builder),
  NAT_GATEWAYS("NatGateways", "ec2 describe-nat-gateways", ResourceKind.NAT_GATEWAYS,
      DescribeNatGatewaysResponse.serializableBuilderClass(), DescribeNatGatewaysResponse::builder),
  ADDRESSES("Addresses", "ec2 describe-addresses", ResourceKind.ADDRESSES,
      DescribeAddressesResponse.serializableBuilderClass(), DescribeAddressesResponse::builder),
  VPC_PEERING_CONNECTIONS("VpcPeeringConnections", "ec2 describe-vpc-peering-connections", ResourceKind.VPC_PEERING_CONNECTIONS,
      DescribeVpcPeeringConnectionsResponse.serializableBuilderClass(), DescribeVpcPeeringConnectionsResponse::builder),
  // A load balancer's targets: optional.
  TARGET_GROUPS("TargetGroups", "elbv2 describe-target-groups", ResourceKind.TARGET_GROUPS,
      DescribeTargetGroupsResponse.serializableBuilderClass(), DescribeTargetGroupsResponse::builder),
  /** Names no target group: the subject comes from the file name ({@code target-health-<group-name>.json}). */
  TARGET_HEALTH("TargetHealthDescriptions", "elbv2 describe-target-health", ResourceKind.TARGET_HEALTH,
      DescribeTargetHealthResponse.serializableBuilderClass(), DescribeTargetHealthResponse::builder);

  final String key;
  final String command;
  final ResourceKind kind;
  final Class<?> builderClass;
  /** A new empty builder of the response, for {@link SdkJsonReader}. */
  final Supplier<SdkPojo> newBuilder;

  CliKind(String key, String command, ResourceKind kind, Class<?> builderClass, Supplier<? extends SdkPojo> newBuilder) {
    this.key = key;
    this.command = command;
    this.kind = kind;
    this.builderClass = builderClass;
    this.newBuilder = newBuilder::get;
  }

  static Optional<CliKind> byKey(String key) {
    for (CliKind k : values()) {
      if (k.key.equals(key)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The CLI kind a response object came from (for snapshots of live scans). */
  static CliKind of(SdkPojo response) {
    for (CliKind k : values()) {
      if (k.builderClass.getEnclosingClass() == response.getClass()) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a postern response: " + response.getClass());
  }
}
