package dev.postern.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything collected in one scan, sorted, immutable. {@code collected} says, per scope, which
 * kinds were collected in full; a kind missing there is unknown (never "none").
 */
public record Inventory(
    Map<Scope, Set<ResourceKind>> collected,
    List<SecurityGroup> securityGroups,
    List<NetworkInterface> networkInterfaces,
    List<Instance> instances,
    List<Vpc> vpcs,
    List<Subnet> subnets,
    List<RouteTable> routeTables,
    List<PrefixList> prefixLists,
    List<DbInstance> dbInstances,
    List<DbCluster> dbClusters,
    List<DbParameterGroup> dbParameterGroups,
    List<CacheCluster> cacheClusters,
    List<ReplicationGroup> replicationGroups,
    List<BeanstalkEnvironment> environments,
    List<LoadBalancer> loadBalancers,
    List<CollectionError> errors,
    List<NetworkAcl> networkAcls,
    List<Gateway> gateways,
    List<ElasticIp> elasticIps,
    List<VpcPeering> peerings,
    List<TargetGroup> targetGroups) {

  /** An inventory without target groups: they read as not collected. */
  public Inventory(Map<Scope, Set<ResourceKind>> collected, List<SecurityGroup> securityGroups,
      List<NetworkInterface> networkInterfaces, List<Instance> instances, List<Vpc> vpcs, List<Subnet> subnets,
      List<RouteTable> routeTables, List<PrefixList> prefixLists, List<DbInstance> dbInstances, List<DbCluster> dbClusters,
      List<DbParameterGroup> dbParameterGroups, List<CacheCluster> cacheClusters, List<ReplicationGroup> replicationGroups,
      List<BeanstalkEnvironment> environments, List<LoadBalancer> loadBalancers, List<CollectionError> errors,
      List<NetworkAcl> networkAcls, List<Gateway> gateways, List<ElasticIp> elasticIps, List<VpcPeering> peerings) {
    this(collected, securityGroups, networkInterfaces, instances, vpcs, subnets, routeTables, prefixLists, dbInstances,
        dbClusters, dbParameterGroups, cacheClusters, replicationGroups, environments, loadBalancers, errors, networkAcls,
        gateways, elasticIps, peerings, List.of());
  }

  /** An inventory without the network path (network ACLs, gateways, elastic IPs, peerings): those read as not collected. */
  public Inventory(Map<Scope, Set<ResourceKind>> collected, List<SecurityGroup> securityGroups,
      List<NetworkInterface> networkInterfaces, List<Instance> instances, List<Vpc> vpcs, List<Subnet> subnets,
      List<RouteTable> routeTables, List<PrefixList> prefixLists, List<DbInstance> dbInstances, List<DbCluster> dbClusters,
      List<DbParameterGroup> dbParameterGroups, List<CacheCluster> cacheClusters, List<ReplicationGroup> replicationGroups,
      List<BeanstalkEnvironment> environments, List<LoadBalancer> loadBalancers, List<CollectionError> errors) {
    this(collected, securityGroups, networkInterfaces, instances, vpcs, subnets, routeTables, prefixLists, dbInstances,
        dbClusters, dbParameterGroups, cacheClusters, replicationGroups, environments, loadBalancers, errors, List.of(), List.of(),
        List.of(), List.of(), List.of());
  }

  public Inventory {
    Map<Scope, Set<ResourceKind>> c = new TreeMap<>();
    collected.forEach((k, v) -> c.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
    collected = Collections.unmodifiableMap(c);
    securityGroups = sorted(securityGroups, Comparator.comparing((SecurityGroup g) -> g.scope()).thenComparing(SecurityGroup::id));
    networkInterfaces = sorted(networkInterfaces, Comparator.comparing((NetworkInterface n) -> n.scope()).thenComparing(NetworkInterface::id));
    instances = sorted(instances, Comparator.comparing((Instance i) -> i.scope()).thenComparing(Instance::id));
    vpcs = sorted(vpcs, Comparator.comparing((Vpc v) -> v.scope()).thenComparing(Vpc::id));
    subnets = sorted(subnets, Comparator.comparing((Subnet s) -> s.scope()).thenComparing(Subnet::id));
    routeTables = sorted(routeTables, Comparator.comparing((RouteTable r) -> r.scope()).thenComparing(RouteTable::id));
    prefixLists = sorted(prefixLists, Comparator.comparing((PrefixList p) -> p.scope()).thenComparing(PrefixList::id));
    dbInstances = sorted(dbInstances, Comparator.comparing((DbInstance d) -> d.scope()).thenComparing(DbInstance::id));
    dbClusters = sorted(dbClusters, Comparator.comparing((DbCluster d) -> d.scope()).thenComparing(DbCluster::id));
    dbParameterGroups = sorted(dbParameterGroups, Comparator.comparing((DbParameterGroup d) -> d.scope()).thenComparing(DbParameterGroup::name));
    cacheClusters = sorted(cacheClusters, Comparator.comparing((CacheCluster d) -> d.scope()).thenComparing(CacheCluster::id));
    replicationGroups = sorted(replicationGroups, Comparator.comparing((ReplicationGroup d) -> d.scope()).thenComparing(ReplicationGroup::id));
    environments = sorted(environments, Comparator.comparing((BeanstalkEnvironment e) -> e.scope()).thenComparing(BeanstalkEnvironment::name));
    loadBalancers = sorted(loadBalancers, Comparator.comparing((LoadBalancer l) -> l.scope()).thenComparing(LoadBalancer::arn));
    errors = sorted(errors, Comparator.naturalOrder());
    networkAcls = sorted(networkAcls, Comparator.comparing((NetworkAcl a) -> a.scope()).thenComparing(NetworkAcl::id));
    gateways = sorted(gateways, Comparator.comparing((Gateway g) -> g.scope()).thenComparing(Gateway::id));
    elasticIps = sorted(elasticIps, Comparator.comparing((ElasticIp e) -> e.scope()).thenComparing(ElasticIp::publicIp));
    peerings = sorted(peerings, Comparator.comparing((VpcPeering v) -> v.scope()).thenComparing(VpcPeering::id));
    targetGroups = sorted(targetGroups, Comparator.comparing((TargetGroup t) -> t.scope()).thenComparing(TargetGroup::arn));
  }

  private static <T> List<T> sorted(List<T> in, Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(in);
    copy.sort(order);
    return Collections.unmodifiableList(copy);
  }

  public boolean isCollected(Scope scope, ResourceKind kind) {
    Set<ResourceKind> kinds = collected.get(scope);
    return kinds != null && kinds.contains(kind);
  }

  public Set<Scope> scopes() {
    return collected.keySet();
  }

  /** All datastores: RDS instances and clusters, ElastiCache clusters and replication groups. */
  public List<DataStore> dataStores() {
    List<DataStore> all = new ArrayList<>();
    all.addAll(dbInstances);
    all.addAll(dbClusters);
    all.addAll(cacheClusters);
    all.addAll(replicationGroups);
    return all;
  }
}
