package dev.postern.collect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * A fake AWS for the collector: hand-written SDK clients, per role and region, serving a small
 * account (security groups two per page, one RDS instance) by the real paginators; any service
 * can be swapped for a client that fails. Records the calls made.
 */
public final class FakeAws implements ClientFactory {
  public static final String ACCOUNT = "111122223333";
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  public Optional<String> defaultRegion = Optional.empty();
  /** Replaces the RDS client, e.g. by one that throttles. */
  public Function<String, RdsClient> rds = region -> new Rds(region);
  /** The regions EC2 DescribeRegions lists. */
  public List<String> regions = List.of("eu-west-1", "us-east-1");
  /** When set, what GetCallerIdentity throws. */
  public RuntimeException identityFailure;
  public boolean closed;

  public static AwsServiceException error(String code, int status, String message) {
    return AwsServiceException.builder().statusCode(status).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  public static String accountOf(String role) {
    return role.isEmpty() ? ACCOUNT : role.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12);
  }

  @Override
  public Optional<String> defaultRegion() {
    return defaultRegion;
  }

  @Override
  public Ec2Client ec2(String role, String region) {
    return new Ec2(role, region);
  }

  @Override
  public RdsClient rds(String role, String region) {
    return rds.apply(region);
  }

  @Override
  public ElastiCacheClient elastiCache(String role, String region) {
    return new ElastiCacheClient() {
      @Override
      public DescribeCacheClustersResponse describeCacheClusters(DescribeCacheClustersRequest r) {
        calls.add(region + " DescribeCacheClusters");
        return DescribeCacheClustersResponse.builder().build();
      }

      @Override
      public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
        calls.add(region + " DescribeReplicationGroups");
        return DescribeReplicationGroupsResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "elasticache";
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public ElasticBeanstalkClient beanstalk(String role, String region) {
    return new ElasticBeanstalkClient() {
      @Override
      public DescribeEnvironmentsResponse describeEnvironments(DescribeEnvironmentsRequest r) {
        calls.add(region + " DescribeEnvironments");
        return DescribeEnvironmentsResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "elasticbeanstalk";
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public ElasticLoadBalancingV2Client elbv2(String role, String region) {
    return new ElasticLoadBalancingV2Client() {
      @Override
      public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest r) {
        calls.add(region + " DescribeLoadBalancers");
        return DescribeLoadBalancersResponse.builder().build();
      }

      @Override
      public software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse describeTargetGroups(
          software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest r) {
        calls.add(region + " DescribeTargetGroups");
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "elasticloadbalancing";
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public StsClient sts(String role, String region) {
    return new StsClient() {
      @Override
      public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest r) {
        calls.add(region + " GetCallerIdentity " + role);
        if (identityFailure != null) throw identityFailure;
        String account = accountOf(role);
        return GetCallerIdentityResponse.builder().account(account).arn("arn:aws:iam::" + account + ":user/auditor").build();
      }

      @Override
      public String serviceName() {
        return "sts";
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Three security groups (one open to the world on 22) two per page, and nothing else. */
  final class Ec2 implements Ec2Client {
    private final String role;
    private final String region;

    Ec2(String role, String region) {
      this.role = role;
      this.region = region;
    }

    List<SecurityGroup> groups() {
      List<SecurityGroup> g = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        SecurityGroup.Builder b = SecurityGroup.builder().groupId("sg-" + region.replace("-", "") + i).groupName("g" + i)
            .vpcId("vpc-1").ownerId(accountOf(role)).description("group " + i);
        if (i == 2) {
          b.ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
              .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build());
        }
        g.add(b.build());
      }
      return g;
    }

    @Override
    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
      calls.add(region + " DescribeSecurityGroups");
      Paging<SecurityGroup> p = Paging.of(groups(), r.nextToken(), 2);
      return DescribeSecurityGroupsResponse.builder().securityGroups(p.items()).nextToken(p.next()).build();
    }

    @Override
    public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest r) {
      calls.add(region + " DescribeNetworkInterfaces");
      return DescribeNetworkInterfacesResponse.builder().build();
    }

    @Override
    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest r) {
      calls.add(region + " DescribeInstances");
      return DescribeInstancesResponse.builder().build();
    }

    @Override
    public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
      calls.add(region + " DescribeVpcs");
      return DescribeVpcsResponse.builder().build();
    }

    @Override
    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
      calls.add(region + " DescribeSubnets");
      return DescribeSubnetsResponse.builder().build();
    }

    @Override
    public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
      calls.add(region + " DescribeRouteTables");
      return DescribeRouteTablesResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse describeNetworkAcls(software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsRequest r) {
      calls.add(region + " DescribeNetworkAcls");
      return software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse describeInternetGateways(software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest r) {
      calls.add(region + " DescribeInternetGateways");
      return software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse describeEgressOnlyInternetGateways(software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysRequest r) {
      calls.add(region + " DescribeEgressOnlyInternetGateways");
      return software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse describeNatGateways(software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest r) {
      calls.add(region + " DescribeNatGateways");
      return software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse describeAddresses(software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest r) {
      calls.add(region + " DescribeAddresses");
      return software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse describeVpcPeeringConnections(software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsRequest r) {
      calls.add(region + " DescribeVpcPeeringConnections");
      return software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse.builder().build();
    }

    @Override
    public DescribeRegionsResponse describeRegions(DescribeRegionsRequest r) {
      calls.add(region + " DescribeRegions");
      return DescribeRegionsResponse.builder().regions(regions.stream().map(n -> Region.builder().regionName(n).build()).toList()).build();
    }

    @Override
    public String serviceName() {
      return "ec2";
    }

    @Override
    public void close() {}
  }

  /** One PostgreSQL instance on the default parameter group (so no DescribeDBParameters). */
  public final class Rds implements RdsClient {
    private final String region;
    private final Map<String, Integer> seen = new HashMap<>();

    public Rds(String region) {
      this.region = region;
    }

    @Override
    public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest r) {
      calls.add(region + " DescribeDBInstances");
      seen.merge("instances", 1, Integer::sum);
      return DescribeDbInstancesResponse.builder().dbInstances(DBInstance.builder().dbInstanceIdentifier("db-" + region)
          .engine("postgres").dbInstancePort(5432)
          .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-" + region.replace("-", "") + "1").build())
          .build()).build();
    }

    @Override
    public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest r) {
      calls.add(region + " DescribeDBClusters");
      return DescribeDbClustersResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "rds";
    }

    @Override
    public void close() {}
  }
}
