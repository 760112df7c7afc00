package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.CollectionError;
import dev.postern.model.Inventory;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationSettingsDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentResourcesRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentResourcesResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentResourceDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterParametersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterParametersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbParametersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbParametersResponse;
import software.amazon.awssdk.services.rds.model.Parameter;

/** Each fetcher against hand-written SDK fakes that page, driven by the SDK's real paginators. */
class FetchersTest {
  static final Scope SCOPE = new Scope("111122223333", "eu-west-1");

  static Fetched fetched(String service) {
    return new Fetched(SCOPE, service);
  }

  static Inventory assemble(Fetched out) {
    return InventoryAssembler.assemble(new Collection(
        List.of(new ScopeCapture(SCOPE, out.collected, out.captures)), out.errors, List.of()));
  }

  @Test
  void securityGroupsPageByPageThenOnlyTheReferencedPrefixLists() {
    List<SecurityGroup> groups = IntStream.rangeClosed(1, 5).mapToObj(i -> {
      SecurityGroup.Builder b = SecurityGroup.builder().groupId("sg-" + i).groupName("g" + i).vpcId("vpc-1");
      if (i == 4) {
        b.ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(3306).toPort(3306)
            .prefixListIds(PrefixListId.builder().prefixListId("pl-7").build()).build());
      }
      return b.build();
    }).toList();
    List<PrefixListEntry> entries = List.of(PrefixListEntry.builder().cidr("0.0.0.0/0").build(),
        PrefixListEntry.builder().cidr("10.0.0.0/8").build(), PrefixListEntry.builder().cidr("192.0.2.0/24").build());
    List<DescribeSecurityGroupsRequest> requests = new ArrayList<>();
    List<String> calls = new ArrayList<>();
    Ec2Client ec2 = new Ec2Client() {
      @Override
      public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
        requests.add(r);
        Paging<SecurityGroup> p = Paging.of(groups, r.nextToken(), 2);
        return DescribeSecurityGroupsResponse.builder().securityGroups(p.items()).nextToken(p.next()).build();
      }

      @Override
      public DescribeManagedPrefixListsResponse describeManagedPrefixLists(DescribeManagedPrefixListsRequest r) {
        calls.add("DescribeManagedPrefixLists " + r.prefixListIds());
        return DescribeManagedPrefixListsResponse.builder()
            .prefixLists(ManagedPrefixList.builder().prefixListId("pl-7").prefixListName("partners").build()).build();
      }

      @Override
      public GetManagedPrefixListEntriesResponse getManagedPrefixListEntries(GetManagedPrefixListEntriesRequest r) {
        calls.add("GetManagedPrefixListEntries " + r.prefixListId());
        Paging<PrefixListEntry> p = Paging.of(entries, r.nextToken(), 2);
        return GetManagedPrefixListEntriesResponse.builder().entries(p.items()).nextToken(p.next()).build();
      }

      @Override
      public String serviceName() {
        return "ec2";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("ec2");
    Ec2Fetcher.securityGroups(ec2, out);

    assertEquals(3, requests.size(), "5 groups, 2 a page");
    assertEquals(1000, requests.get(0).maxResults(), "the largest page EC2 allows");
    assertEquals(List.of("DescribeManagedPrefixLists [pl-7]", "GetManagedPrefixListEntries pl-7",
        "GetManagedPrefixListEntries pl-7"), calls);
    assertEquals(6, out.calls);
    assertTrue(out.errors.isEmpty());
    assertEquals(java.util.Set.of(ResourceKind.SECURITY_GROUPS, ResourceKind.PREFIX_LISTS), out.collected);
    Inventory inv = assemble(out);
    assertEquals(5, inv.securityGroups().size());
    assertEquals(List.of("0.0.0.0/0", "10.0.0.0/8", "192.0.2.0/24"), inv.prefixLists().get(0).cidrs());
    assertEquals("partners", inv.prefixLists().get(0).name());
  }

  @Test
  void aCallThatFailsHalfWayKeepsNoPageAndSaysWhy() {
    Ec2Client ec2 = new Ec2Client() {
      @Override
      public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
        if (r.nextToken() != null) throw FakeAws.error("UnauthorizedOperation", 403, "You are not authorized to perform this operation.");
        return DescribeSecurityGroupsResponse.builder().securityGroups(SecurityGroup.builder().groupId("sg-1").build())
            .nextToken("1").build();
      }

      @Override
      public String serviceName() {
        return "ec2";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("ec2");
    Ec2Fetcher.securityGroups(ec2, out);

    assertTrue(out.captures.isEmpty(), "a partial list must not pass for a whole one");
    assertFalse(out.collected.contains(ResourceKind.SECURITY_GROUPS));
    assertEquals(List.of(new CollectionError("ec2", "eu-west-1", "111122223333", "DescribeSecurityGroups",
        "UnauthorizedOperation", "You are not authorized to perform this operation.")), out.errors);
    Inventory inv = assemble(out);
    assertTrue(inv.securityGroups().isEmpty());
    assertEquals(1, inv.errors().stream().filter(e -> e.operation().equals("DescribeSecurityGroups")).count(),
        "the assembler does not add a NotCollected beside the real error");
  }

  @Test
  void rdsDescribesEachCustomParameterGroupOnceAndNeverTheDefaults() {
    List<DBInstance> dbs = List.of(db("a", "custom-pg"), db("b", "default.postgres16"), db("c", "custom-pg"));
    List<String> calls = new ArrayList<>();
    RdsClient rds = new RdsClient() {
      @Override
      public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest r) {
        calls.add("DescribeDBInstances");
        Paging<DBInstance> p = Paging.of(dbs, r.marker(), 2);
        return DescribeDbInstancesResponse.builder().dbInstances(p.items()).marker(p.next()).build();
      }

      @Override
      public DescribeDbParametersResponse describeDBParameters(DescribeDbParametersRequest r) {
        calls.add("DescribeDBParameters " + r.dbParameterGroupName());
        List<Parameter> params = List.of(param("rds.force_ssl", "1"), param("log_connections", "1"), param("ssl", "1"));
        Paging<Parameter> p = Paging.of(params, r.marker(), 2);
        return DescribeDbParametersResponse.builder().parameters(p.items()).marker(p.next()).build();
      }

      @Override
      public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest r) {
        calls.add("DescribeDBClusters");
        return DescribeDbClustersResponse.builder().dbClusters(DBCluster.builder().dbClusterIdentifier("aurora")
            .engine("aurora-postgresql").dbClusterParameterGroup("custom-cluster").build()).build();
      }

      @Override
      public DescribeDbClusterParametersResponse describeDBClusterParameters(DescribeDbClusterParametersRequest r) {
        calls.add("DescribeDBClusterParameters " + r.dbClusterParameterGroupName());
        return DescribeDbClusterParametersResponse.builder().parameters(param("rds.force_ssl", "0")).build();
      }

      @Override
      public String serviceName() {
        return "rds";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("rds");
    RdsFetcher.dbInstances(rds, out);
    RdsFetcher.dbClusters(rds, out);

    assertEquals(List.of("DescribeDBInstances", "DescribeDBInstances", "DescribeDBParameters custom-pg",
        "DescribeDBParameters custom-pg", "DescribeDBClusters", "DescribeDBClusterParameters custom-cluster"), calls);
    assertTrue(out.errors.isEmpty());
    List<Capture> parameters = out.captures.stream().filter(c -> c.kind() == CliKind.DB_PARAMETERS).toList();
    assertEquals(List.of("custom-pg", "custom-pg", "custom-cluster"), parameters.stream().map(Capture::subject).toList());
    assertTrue(parameters.get(2).response() instanceof DescribeDbParametersResponse, "cluster parameters in the one shape the model reads");
    Inventory inv = assemble(out);
    assertEquals(3, inv.dbInstances().size());
    assertEquals("0", inv.dbParameterGroups().stream().filter(g -> g.name().equals("custom-cluster")).findFirst().orElseThrow()
        .parameters().get("rds.force_ssl"));
    assertEquals(3, inv.dbParameterGroups().stream().filter(g -> g.name().equals("custom-pg")).findFirst().orElseThrow()
        .parameters().size());
  }

  private static DBInstance db(String id, String group) {
    return DBInstance.builder().dbInstanceIdentifier(id).engine("postgres").dbInstancePort(5432)
        .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName(group).build()).build();
  }

  private static Parameter param(String name, String value) {
    return Parameter.builder().parameterName(name).parameterValue(value).build();
  }

  @Test
  void elastiCacheAsksForNodeInfoAndPages() {
    List<DescribeCacheClustersRequest> requests = new ArrayList<>();
    List<CacheCluster> clusters = IntStream.range(0, 3).mapToObj(i -> CacheCluster.builder().cacheClusterId("c" + i).engine("redis").build()).toList();
    ElastiCacheClient ec = new ElastiCacheClient() {
      @Override
      public DescribeCacheClustersResponse describeCacheClusters(DescribeCacheClustersRequest r) {
        requests.add(r);
        Paging<CacheCluster> p = Paging.of(clusters, r.marker(), 2);
        return DescribeCacheClustersResponse.builder().cacheClusters(p.items()).marker(p.next()).build();
      }

      @Override
      public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
        Paging<ReplicationGroup> p = Paging.of(List.of(ReplicationGroup.builder().replicationGroupId("rg").build(),
            ReplicationGroup.builder().replicationGroupId("rg2").build()), r.marker(), 1);
        return DescribeReplicationGroupsResponse.builder().replicationGroups(p.items()).marker(p.next()).build();
      }

      @Override
      public String serviceName() {
        return "elasticache";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("elasticache");
    ElastiCacheFetcher.cacheClusters(ec, out);
    ElastiCacheFetcher.replicationGroups(ec, out);

    assertEquals(2, requests.size());
    assertTrue(requests.stream().allMatch(DescribeCacheClustersRequest::showCacheNodeInfo));
    assertEquals(4, out.calls);
    Inventory inv = assemble(out);
    assertEquals(3, inv.cacheClusters().size());
    assertEquals(2, inv.replicationGroups().size());
  }

  @Test
  void beanstalkNamesTheEnvironmentThatFailedAndKeepsTheOthers() {
    List<EnvironmentDescription> envs = List.of(env("shop", "Ready"), env("old", "Terminated"), env("blog", "Ready"));
    List<String> calls = new ArrayList<>();
    ElasticBeanstalkClient eb = new ElasticBeanstalkClient() {
      @Override
      public DescribeEnvironmentsResponse describeEnvironments(DescribeEnvironmentsRequest r) {
        calls.add("DescribeEnvironments");
        Paging<EnvironmentDescription> p = Paging.of(envs, r.nextToken(), 2);
        return DescribeEnvironmentsResponse.builder().environments(p.items()).nextToken(p.next()).build();
      }

      @Override
      public DescribeEnvironmentResourcesResponse describeEnvironmentResources(DescribeEnvironmentResourcesRequest r) {
        calls.add("DescribeEnvironmentResources " + r.environmentName());
        if (r.environmentName().equals("blog")) throw FakeAws.error("InternalFailure", 500, "");
        return DescribeEnvironmentResourcesResponse.builder()
            .environmentResources(EnvironmentResourceDescription.builder().environmentName(r.environmentName()).build()).build();
      }

      @Override
      public DescribeConfigurationSettingsResponse describeConfigurationSettings(DescribeConfigurationSettingsRequest r) {
        calls.add("DescribeConfigurationSettings " + r.applicationName() + "/" + r.environmentName());
        return DescribeConfigurationSettingsResponse.builder().configurationSettings(ConfigurationSettingsDescription.builder()
            .environmentName(r.environmentName()).optionSettings(ConfigurationOptionSetting.builder()
                .namespace("aws:elasticbeanstalk:application:environment").optionName("DB_PASSWORD").value("hunter2").build())
            .build()).build();
      }

      @Override
      public String serviceName() {
        return "elasticbeanstalk";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("elasticbeanstalk");
    BeanstalkFetcher.environments(eb, out);

    assertEquals(List.of("DescribeEnvironments", "DescribeEnvironments", "DescribeEnvironmentResources shop",
        "DescribeConfigurationSettings app/shop", "DescribeEnvironmentResources blog", "DescribeConfigurationSettings app/blog"), calls);
    assertTrue(out.collected.containsAll(List.of(ResourceKind.EB_ENVIRONMENTS, ResourceKind.EB_SETTINGS)));
    assertFalse(out.collected.contains(ResourceKind.EB_RESOURCES), "one environment's resources are unknown");
    assertEquals(1, out.errors.size());
    CollectionError e = out.errors.get(0);
    assertEquals("DescribeEnvironmentResources", e.operation());
    assertTrue(e.message().contains("environment blog"), e.message());
    assertTrue(out.captures.stream().noneMatch(c -> c.response().toString().contains("hunter2")), "secrets redacted at capture");
    Inventory inv = assemble(out);
    assertEquals(2, inv.environments().size());
    assertEquals(List.of(e), inv.errors().stream().filter(x -> x.service().equals("elasticbeanstalk")).toList(),
        "no NotCollected beside the real error");
  }

  private static EnvironmentDescription env(String name, String status) {
    return EnvironmentDescription.builder().environmentName(name).applicationName("app").status(status).build();
  }

  @Test
  void loadBalancersThenTheListenersOfEachByThePaginator() {
    List<LoadBalancer> lbs = List.of(lb("a"), lb("b"), lb("c"));
    List<String> calls = new ArrayList<>();
    ElasticLoadBalancingV2Client elb = new ElasticLoadBalancingV2Client() {
      @Override
      public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest r) {
        calls.add("DescribeLoadBalancers");
        Paging<LoadBalancer> p = Paging.of(lbs, r.marker(), 2);
        return DescribeLoadBalancersResponse.builder().loadBalancers(p.items()).nextMarker(p.next()).build();
      }

      @Override
      public DescribeListenersResponse describeListeners(DescribeListenersRequest r) {
        calls.add("DescribeListeners " + r.loadBalancerArn());
        List<Listener> ls = List.of(listener(r.loadBalancerArn(), 80), listener(r.loadBalancerArn(), 443));
        Paging<Listener> p = Paging.of(ls, r.marker(), 1);
        return DescribeListenersResponse.builder().listeners(p.items()).nextMarker(p.next()).build();
      }

      @Override
      public String serviceName() {
        return "elasticloadbalancing";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("elasticloadbalancingv2");
    LoadBalancerFetcher.loadBalancers(elb, out);

    assertEquals(List.of("DescribeLoadBalancers", "DescribeLoadBalancers", "DescribeListeners arn:a", "DescribeListeners arn:a",
        "DescribeListeners arn:b", "DescribeListeners arn:b", "DescribeListeners arn:c", "DescribeListeners arn:c"), calls);
    assertTrue(out.collected.containsAll(List.of(ResourceKind.LOAD_BALANCERS, ResourceKind.LISTENERS)));
    Inventory inv = assemble(out);
    assertEquals(3, inv.loadBalancers().size());
    assertTrue(inv.loadBalancers().stream().allMatch(l -> l.listenersKnown() && l.listeners().size() == 2));
  }

  private static LoadBalancer lb(String name) {
    return LoadBalancer.builder().loadBalancerArn("arn:" + name).loadBalancerName(name).type("application").scheme("internet-facing").build();
  }

  private static Listener listener(String lb, int port) {
    return Listener.builder().loadBalancerArn(lb).listenerArn(lb + "/l" + port).protocol("HTTP").port(port).build();
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsAnError() {
    RdsClient rds = new RdsClient() {
      @Override
      public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest r) {
        throw FakeAws.error("Throttling", 400, "Rate exceeded");
      }

      @Override
      public String serviceName() {
        return "rds";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("rds");
    RdsFetcher.dbInstances(rds, out);
    assertEquals(List.of(new CollectionError("rds", "eu-west-1", "111122223333", "DescribeDBInstances", "Throttling", "Rate exceeded")),
        out.errors);
    assertTrue(out.collected.isEmpty());
  }

  @Test
  void aClusterParameterGroupThatFailsIsOneErrorNamingIt() {
    RdsClient rds = new RdsClient() {
      @Override
      public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest r) {
        return DescribeDbClustersResponse.builder().dbClusters(DBCluster.builder().dbClusterIdentifier("aurora")
            .engine("aurora-postgresql").dbClusterParameterGroup("custom-cluster").build()).build();
      }

      @Override
      public DescribeDbClusterParametersResponse describeDBClusterParameters(DescribeDbClusterParametersRequest r) {
        throw FakeAws.error("AccessDenied", 403, "not allowed");
      }

      @Override
      public String serviceName() {
        return "rds";
      }

      @Override
      public void close() {}
    };
    Fetched out = fetched("rds");
    RdsFetcher.dbClusters(rds, out);
    Inventory inv = assemble(out);
    List<CollectionError> parameterErrors = inv.errors().stream().filter(e -> e.message().contains("custom-cluster")).toList();
    assertEquals(List.of(new CollectionError("rds", "eu-west-1", "111122223333", "DescribeDBClusterParameters", "AccessDenied",
        "parameter group custom-cluster: not allowed")), parameterErrors);
    assertFalse(inv.isCollected(SCOPE, ResourceKind.DB_PARAMETERS));
  }
}
