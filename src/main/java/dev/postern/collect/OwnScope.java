package dev.postern.collect;

import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * Where the resources of an AWS CLI answer say they live: each resource's own account and region
 * fields ({@code OwnerId}, its own ARN, its availability zone) and nothing else. A KMS key, a
 * replication source or a description may name another account or region; they are never read here.
 */
final class OwnScope {
  private OwnScope() {}

  /** One resource's own account and region, each empty when it does not say. */
  record Place(String account, String region) {}

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\\d{12})?:.*");
  /** A region at the start of an availability zone: {@code us-east-1a}, {@code us-west-2-lax-1a}. */
  private static final Pattern ZONE = Pattern.compile("([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d)[a-z0-9-]*");

  /** The places of the resources in one answer, in order; empty for answers about no resource of an account. */
  static List<Place> places(Capture c, Scope readIn) {
    var groups = c.securityGroups(readIn);
    if (groups.isPresent()) {
      List<Place> out = new ArrayList<>(groups.get().size());
      for (SecurityGroup g : groups.get()) out.add(new Place(account(g.ownerAccount()), ""));
      return out;
    }
    Kind<?> k = kind(c.kind());
    return k == null ? List.of() : k.places(c.response());
  }

  /**
   * The answer with only the resources of {@code account}; a resource that names no account goes
   * with {@code unnamedTo}. Answers about no resource of an account (parameters, prefix-list
   * entries, Beanstalk resources and settings) are kept whole: they are looked up by name.
   */
  static Capture only(Capture c, Scope readIn, String account, String unnamedTo) {
    var groups = c.securityGroups(readIn);
    if (groups.isPresent()) {
      java.util.function.Predicate<String> keep = owner -> belongs(account(owner), account, unnamedTo);
      List<SecurityGroup> kept = groups.get().stream().filter(g -> keep.test(g.ownerAccount())).toList();
      return Capture.groupsPart(() -> {
        DescribeSecurityGroupsResponse all = (DescribeSecurityGroupsResponse) c.response();
        return all.toBuilder().securityGroups(all.securityGroups().stream().filter(g -> keep.test(g.ownerId())).toList()).build();
      }, readIn, kept);
    }
    Kind<?> k = kind(c.kind());
    return k == null ? c : new Capture(c.kind(), c.subject(), k.only(c.response(), account, unnamedTo));
  }

  private static boolean belongs(String own, String account, String unnamedTo) {
    return own.isEmpty() ? account.equals(unnamedTo) : own.equals(account);
  }

  static String account(String ownerId) {
    return ownerId != null && ACCOUNT.matcher(ownerId).matches() ? ownerId : "";
  }

  static Place ofArn(String arn) {
    if (arn == null) return new Place("", "");
    Matcher m = ARN.matcher(arn);
    return m.matches() ? new Place(m.group(2) == null ? "" : m.group(2), m.group(1)) : new Place("", "");
  }

  static String regionOfZone(String zone) {
    if (zone == null) return "";
    Matcher m = ZONE.matcher(zone);
    return m.matches() ? m.group(1) : "";
  }

  private static Place place(String ownerId, String region) {
    return new Place(account(ownerId), region == null ? "" : region);
  }

  private static Place orZone(Place arn, String zone) {
    return arn.region().isEmpty() ? new Place(arn.account(), regionOfZone(zone)) : arn;
  }

  /** How one answer lists its resources and says where each lives. */
  private record Kind<T>(Function<SdkPojo, List<T>> items, Function<T, Place> place, Rebuild<T> rebuild) {
    List<Place> places(SdkPojo response) {
      List<T> items = this.items.apply(response);
      List<Place> out = new ArrayList<>(items.size());
      for (T t : items) out.add(place.apply(t));
      return out;
    }

    SdkPojo only(SdkPojo response, String account, String unnamedTo) {
      List<T> kept = items.apply(response).stream().filter(t -> belongs(place.apply(t).account(), account, unnamedTo)).toList();
      return rebuild.with(response, kept);
    }
  }

  private interface Rebuild<T> {
    SdkPojo with(SdkPojo response, List<T> items);
  }

  private static Kind<?> kind(CliKind k) {
    return switch (k) {
      case SECURITY_GROUPS -> new Kind<software.amazon.awssdk.services.ec2.model.SecurityGroup>(
          r -> ((DescribeSecurityGroupsResponse) r).securityGroups(),
          g -> place(g.ownerId(), ofArn(g.securityGroupArn()).region()),
          (r, l) -> ((DescribeSecurityGroupsResponse) r).toBuilder().securityGroups(l).build());
      case NETWORK_INTERFACES -> new Kind<software.amazon.awssdk.services.ec2.model.NetworkInterface>(
          r -> ((DescribeNetworkInterfacesResponse) r).networkInterfaces(),
          n -> place(n.ownerId(), regionOfZone(n.availabilityZone())),
          (r, l) -> ((DescribeNetworkInterfacesResponse) r).toBuilder().networkInterfaces(l).build());
      case INSTANCES -> new Kind<Reservation>(
          r -> ((DescribeInstancesResponse) r).reservations(),
          x -> place(x.ownerId(), x.instances().isEmpty() || x.instances().get(0).placement() == null ? ""
              : regionOfZone(x.instances().get(0).placement().availabilityZone())),
          (r, l) -> ((DescribeInstancesResponse) r).toBuilder().reservations(l).build());
      case VPCS -> new Kind<software.amazon.awssdk.services.ec2.model.Vpc>(
          r -> ((DescribeVpcsResponse) r).vpcs(), v -> place(v.ownerId(), ""),
          (r, l) -> ((DescribeVpcsResponse) r).toBuilder().vpcs(l).build());
      case SUBNETS -> new Kind<software.amazon.awssdk.services.ec2.model.Subnet>(
          r -> ((DescribeSubnetsResponse) r).subnets(),
          s -> place(s.ownerId(), orZone(ofArn(s.subnetArn()), s.availabilityZone()).region()),
          (r, l) -> ((DescribeSubnetsResponse) r).toBuilder().subnets(l).build());
      case ROUTE_TABLES -> new Kind<software.amazon.awssdk.services.ec2.model.RouteTable>(
          r -> ((DescribeRouteTablesResponse) r).routeTables(), t -> place(t.ownerId(), ""),
          (r, l) -> ((DescribeRouteTablesResponse) r).toBuilder().routeTables(l).build());
      // AWS-managed lists have OwnerId "AWS": no account, they go with the folder's main one.
      case PREFIX_LISTS -> new Kind<software.amazon.awssdk.services.ec2.model.ManagedPrefixList>(
          r -> ((DescribeManagedPrefixListsResponse) r).prefixLists(),
          p -> place(p.ownerId(), ofArn(p.prefixListArn()).region()),
          (r, l) -> ((DescribeManagedPrefixListsResponse) r).toBuilder().prefixLists(l).build());
      case DB_INSTANCES -> new Kind<software.amazon.awssdk.services.rds.model.DBInstance>(
          r -> ((DescribeDbInstancesResponse) r).dbInstances(), d -> orZone(ofArn(d.dbInstanceArn()), d.availabilityZone()),
          (r, l) -> ((DescribeDbInstancesResponse) r).toBuilder().dbInstances(l).build());
      case DB_CLUSTERS -> new Kind<software.amazon.awssdk.services.rds.model.DBCluster>(
          r -> ((DescribeDbClustersResponse) r).dbClusters(), d -> ofArn(d.dbClusterArn()),
          (r, l) -> ((DescribeDbClustersResponse) r).toBuilder().dbClusters(l).build());
      case CACHE_CLUSTERS -> new Kind<software.amazon.awssdk.services.elasticache.model.CacheCluster>(
          r -> ((DescribeCacheClustersResponse) r).cacheClusters(), c -> orZone(ofArn(c.arn()), c.preferredAvailabilityZone()),
          (r, l) -> ((DescribeCacheClustersResponse) r).toBuilder().cacheClusters(l).build());
      case REPLICATION_GROUPS -> new Kind<software.amazon.awssdk.services.elasticache.model.ReplicationGroup>(
          r -> ((DescribeReplicationGroupsResponse) r).replicationGroups(), g -> ofArn(g.arn()),
          (r, l) -> ((DescribeReplicationGroupsResponse) r).toBuilder().replicationGroups(l).build());
      case EB_ENVIRONMENTS -> new Kind<software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription>(
          r -> ((DescribeEnvironmentsResponse) r).environments(), e -> ofArn(e.environmentArn()),
          (r, l) -> ((DescribeEnvironmentsResponse) r).toBuilder().environments(l).build());
      case LOAD_BALANCERS -> new Kind<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer>(
          r -> ((DescribeLoadBalancersResponse) r).loadBalancers(), b -> ofArn(b.loadBalancerArn()),
          (r, l) -> ((DescribeLoadBalancersResponse) r).toBuilder().loadBalancers(l).build());
      case LISTENERS -> new Kind<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener>(
          r -> ((DescribeListenersResponse) r).listeners(), x -> ofArn(x.listenerArn()),
          (r, l) -> ((DescribeListenersResponse) r).toBuilder().listeners(l).build());
      case TARGET_GROUPS -> new Kind<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup>(
          r -> ((software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse) r).targetGroups(),
          t -> ofArn(t.targetGroupArn()),
          (r, l) -> ((software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse) r).toBuilder()
              .targetGroups(l).build());
      case NETWORK_ACLS -> new Kind<software.amazon.awssdk.services.ec2.model.NetworkAcl>(
          r -> ((software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse) r).networkAcls(), a -> place(a.ownerId(), ""),
          (r, l) -> ((software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse) r).toBuilder().networkAcls(l).build());
      case INTERNET_GATEWAYS -> new Kind<software.amazon.awssdk.services.ec2.model.InternetGateway>(
          r -> ((software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse) r).internetGateways(),
          g -> place(g.ownerId(), ""),
          (r, l) -> ((software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse) r).toBuilder().internetGateways(l).build());
      case VPC_PEERING_CONNECTIONS -> new Kind<software.amazon.awssdk.services.ec2.model.VpcPeeringConnection>(
          r -> ((software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse) r).vpcPeeringConnections(),
          v -> v.requesterVpcInfo() == null ? place("", "") : place(v.requesterVpcInfo().ownerId(), v.requesterVpcInfo().region()),
          (r, l) -> ((software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse) r).toBuilder()
              .vpcPeeringConnections(l).build());
      // These name no account of their own: kept whole, with the folder's account.
      case PREFIX_LIST_ENTRIES, DB_PARAMETERS, EB_RESOURCES, EB_SETTINGS, LB_ATTRIBUTES, EGRESS_ONLY_INTERNET_GATEWAYS, NAT_GATEWAYS,
          ADDRESSES, TARGET_HEALTH -> null;
    };
  }
}
