package dev.postern.collect;

import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.CacheCluster;
import dev.postern.model.CollectionError;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
import dev.postern.model.DbParameterGroup;
import dev.postern.model.ElasticIp;
import dev.postern.model.Gateway;
import dev.postern.model.NaclEntry;
import dev.postern.model.NetworkAcl;
import dev.postern.model.VpcPeering;
import dev.postern.model.GroupRef;
import dev.postern.model.Instance;
import dev.postern.model.Inventory;
import dev.postern.model.Listener;
import dev.postern.model.ListenerAction;
import dev.postern.model.LoadBalancer;
import dev.postern.model.TargetGroup;
import dev.postern.model.NetworkInterface;
import dev.postern.model.OptionSetting;
import dev.postern.model.Permission;
import dev.postern.model.PrefixList;
import dev.postern.model.ReplicationGroup;
import dev.postern.model.ResourceKind;
import dev.postern.model.Route;
import dev.postern.model.RouteTable;
import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import dev.postern.model.Subnet;
import dev.postern.model.Vpc;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentResourcesResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbParametersResponse;

/**
 * The one mapping from SDK answers (live or read from AWS CLI JSON) to the postern model. It also
 * decides what is known: a kind missing from a scope, a Beanstalk environment without its resources
 * or settings, a parameter group or prefix list in use but not described, each become a
 * {@code NotCollected} error so that the report says it is incomplete.
 */
public final class InventoryAssembler {
  /** The code of the error that says a kind (or a subject of it) was not collected. */
  public static final String NOT_COLLECTED = "NotCollected";

  /** Kinds every complete scan of a scope has; the others are needed only for what they describe. */
  public static final Set<ResourceKind> BASE_KINDS =
      EnumSet.of(ResourceKind.SECURITY_GROUPS, ResourceKind.NETWORK_INTERFACES, ResourceKind.INSTANCES,
          ResourceKind.VPCS, ResourceKind.SUBNETS, ResourceKind.ROUTE_TABLES, ResourceKind.DB_INSTANCES,
          ResourceKind.DB_CLUSTERS, ResourceKind.CACHE_CLUSTERS, ResourceKind.REPLICATION_GROUPS,
          ResourceKind.EB_ENVIRONMENTS, ResourceKind.LOAD_BALANCERS);

  private InventoryAssembler() {}

  public static Inventory assemble(Collection collection) {
    Acc acc = new Acc();
    acc.errors.addAll(collection.errors());
    for (ScopeCapture sc : collection.scopes()) {
      new ScopeMapper(sc, acc).map();
    }
    return new Inventory(acc.collected, acc.groups, acc.enis, acc.instances, acc.vpcs, acc.subnets,
        acc.routeTables, acc.prefixLists, acc.dbInstances, acc.dbClusters, acc.parameterGroups,
        acc.cacheClusters, acc.replicationGroups, acc.environments, acc.loadBalancers,
        new ArrayList<>(new TreeSet<>(acc.errors)), acc.networkAcls, acc.gateways, acc.elasticIps, acc.peerings,
        acc.targetGroups);
  }

  private static final class Acc {
    final Map<Scope, Set<ResourceKind>> collected = new TreeMap<>();
    final List<SecurityGroup> groups = new ArrayList<>();
    final List<NetworkInterface> enis = new ArrayList<>();
    final List<Instance> instances = new ArrayList<>();
    final List<Vpc> vpcs = new ArrayList<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<RouteTable> routeTables = new ArrayList<>();
    final List<PrefixList> prefixLists = new ArrayList<>();
    final List<DbInstance> dbInstances = new ArrayList<>();
    final List<DbCluster> dbClusters = new ArrayList<>();
    final List<DbParameterGroup> parameterGroups = new ArrayList<>();
    final List<CacheCluster> cacheClusters = new ArrayList<>();
    final List<ReplicationGroup> replicationGroups = new ArrayList<>();
    final List<BeanstalkEnvironment> environments = new ArrayList<>();
    final List<LoadBalancer> loadBalancers = new ArrayList<>();
    final List<CollectionError> errors = new ArrayList<>();
    final List<NetworkAcl> networkAcls = new ArrayList<>();
    final List<Gateway> gateways = new ArrayList<>();
    final List<ElasticIp> elasticIps = new ArrayList<>();
    final List<VpcPeering> peerings = new ArrayList<>();
    final List<TargetGroup> targetGroups = new ArrayList<>();
  }

  /**
   * One group per id, the last one read (a later page replaces an earlier one), sorted by id: a
   * stable sort keeps equal ids in reading order. Pages come in id order nearly always, which the
   * sort finds in one pass (and the inventory's own sort after it too).
   */
  static List<SecurityGroup> lastById(List<SecurityGroup> read) {
    List<SecurityGroup> sorted = new ArrayList<>(read);
    sorted.sort(java.util.Comparator.comparing(SecurityGroup::id));
    List<SecurityGroup> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      if (i + 1 < sorted.size() && sorted.get(i + 1).id().equals(sorted.get(i).id())) continue;
      out.add(sorted.get(i));
    }
    return out;
  }

  private static final class ScopeMapper {
    private final ScopeCapture sc;
    private final Scope scope;
    private final Acc acc;
    private final Set<ResourceKind> known;

    ScopeMapper(ScopeCapture sc, Acc acc) {
      this.sc = sc;
      this.scope = sc.scope();
      this.acc = acc;
      this.known = EnumSet.noneOf(ResourceKind.class);
      known.addAll(sc.collected());
    }

    void map() {
      List<SecurityGroup> read = new ArrayList<>();
      List<NetworkInterface> enis = new ArrayList<>();
      List<Instance> instances = new ArrayList<>();
      Map<String, PrefixList> prefixNames = new TreeMap<>();
      Map<String, List<String>> prefixEntries = new TreeMap<>();
      Map<String, Map<String, String>> parameters = new TreeMap<>();
      List<DbInstance> dbs = new ArrayList<>();
      List<DbCluster> clusters = new ArrayList<>();
      List<CacheCluster> caches = new ArrayList<>();
      List<ReplicationGroup> rgs = new ArrayList<>();
      Map<String, BeanstalkEnvironment> envs = new TreeMap<>();
      Map<String, DescribeEnvironmentResourcesResponse> envResources = new HashMap<>();
      Map<String, List<OptionSetting>> envSettings = new HashMap<>();
      Map<String, LoadBalancer> lbs = new TreeMap<>();
      Map<String, List<Listener>> listeners = new HashMap<>();
      Map<String, Map<String, String>> lbAttributes = new HashMap<>();
      Map<String, TargetGroup> tgs = new TreeMap<>();
      Map<String, List<TargetGroup.Target>> tgTargets = new HashMap<>();

      // Security groups are most of a large account: their pages are mapped in parallel (the parts
      // of a large AWS CLI file arrive already read into the model).
      java.util.Iterator<List<SecurityGroup>> mappedGroups = sc.captures().stream()
          .filter(c -> c.kind() == CliKind.SECURITY_GROUPS).toList().parallelStream()
          .map(c -> c.securityGroups(scope).orElseGet(() ->
              ((DescribeSecurityGroupsResponse) c.response()).securityGroups().stream().map(this::securityGroup).toList()))
          .toList().iterator();
      for (Capture c : sc.captures()) {
        switch (c.kind()) {
          case SECURITY_GROUPS -> read.addAll(mappedGroups.next());
          case NETWORK_INTERFACES -> ((DescribeNetworkInterfacesResponse) c.response()).networkInterfaces()
              .forEach(n -> enis.add(networkInterface(n)));
          case INSTANCES -> ((DescribeInstancesResponse) c.response()).reservations()
              .forEach(r -> r.instances().forEach(i -> instances.add(instance(i))));
          case VPCS -> ((DescribeVpcsResponse) c.response()).vpcs().forEach(v -> acc.vpcs.add(new Vpc(scope,
              s(v.vpcId()), vpcCidrs(v), Boolean.TRUE.equals(v.isDefault()), tags(v.tags()))));
          case SUBNETS -> ((DescribeSubnetsResponse) c.response()).subnets().forEach(n -> acc.subnets.add(new Subnet(scope,
              s(n.subnetId()), s(n.vpcId()), s(n.cidrBlock()), s(n.availabilityZone()),
              Boolean.TRUE.equals(n.mapPublicIpOnLaunch()), tags(n.tags()))));
          case ROUTE_TABLES -> ((DescribeRouteTablesResponse) c.response()).routeTables()
              .forEach(t -> acc.routeTables.add(routeTable(t)));
          case PREFIX_LISTS -> ((DescribeManagedPrefixListsResponse) c.response()).prefixLists()
              .forEach(p -> prefixNames.put(p.prefixListId(), new PrefixList(scope, s(p.prefixListId()), s(p.prefixListName()), List.of())));
          case PREFIX_LIST_ENTRIES -> prefixEntries.computeIfAbsent(c.subject(), k -> new ArrayList<>())
              .addAll(((GetManagedPrefixListEntriesResponse) c.response()).entries().stream().map(e -> s(e.cidr())).toList());
          case DB_INSTANCES -> ((DescribeDbInstancesResponse) c.response()).dbInstances().forEach(d -> dbs.add(dbInstance(d)));
          case DB_CLUSTERS -> ((DescribeDbClustersResponse) c.response()).dbClusters().forEach(d -> clusters.add(dbCluster(d)));
          case DB_PARAMETERS -> {
            Map<String, String> p = parameters.computeIfAbsent(c.subject(), k -> new TreeMap<>());
            ((DescribeDbParametersResponse) c.response()).parameters()
                .forEach(x -> { if (x.parameterName() != null && x.parameterValue() != null) p.put(x.parameterName(), x.parameterValue()); });
          }
          case CACHE_CLUSTERS -> ((DescribeCacheClustersResponse) c.response()).cacheClusters().forEach(x -> caches.add(cacheCluster(x)));
          case REPLICATION_GROUPS -> ((DescribeReplicationGroupsResponse) c.response()).replicationGroups().forEach(x -> rgs.add(replicationGroup(x)));
          case EB_ENVIRONMENTS -> ((DescribeEnvironmentsResponse) c.response()).environments().forEach(e -> {
            if (e.environmentName() != null && !"Terminated".equals(e.statusAsString())) {
              envs.put(e.environmentName(), new BeanstalkEnvironment(scope, e.environmentName(), s(e.environmentId()),
                  s(e.applicationName()), envArn(e.environmentArn(), e.applicationName(), e.environmentName()), s(e.cname()),
                  e.tier() == null ? "WebServer" : s(e.tier().name()), s(e.statusAsString()), s(e.healthAsString()),
                  false, List.of(), List.of(), List.of(), false, List.of()));
            }
          });
          case EB_RESOURCES -> {
            var r = ((DescribeEnvironmentResourcesResponse) c.response()).environmentResources();
            if (r != null && r.environmentName() != null) envResources.put(r.environmentName(), (DescribeEnvironmentResourcesResponse) c.response());
          }
          case EB_SETTINGS -> ((DescribeConfigurationSettingsResponse) c.response()).configurationSettings().forEach(cs -> {
            if (cs.environmentName() != null) {
              envSettings.put(cs.environmentName(), cs.optionSettings().stream().map(o -> new OptionSetting(
                  s(o.namespace()), s(o.optionName()), s(o.value()), OptionSetting.hasMark(s(o.value())))).toList());
            }
          });
          case LOAD_BALANCERS -> ((DescribeLoadBalancersResponse) c.response()).loadBalancers().forEach(l -> lbs.put(l.loadBalancerArn(),
              new LoadBalancer(scope, s(l.loadBalancerArn()), s(l.loadBalancerName()), s(l.typeAsString()), s(l.schemeAsString()),
                  s(l.vpcId()), s(l.dnsName()), l.securityGroups(),
                  l.availabilityZones().stream().map(z -> s(z.subnetId())).filter(x -> !x.isEmpty()).toList(), false, List.of(),
                  false, Map.of())));
          case LISTENERS -> ((DescribeListenersResponse) c.response()).listeners().forEach(l -> listeners
              .computeIfAbsent(s(l.loadBalancerArn()), k -> new ArrayList<>())
              .add(new Listener(s(l.listenerArn()), s(l.protocolAsString()), l.port() == null ? 0 : l.port(),
                  l.defaultActions().stream().map(a -> new ListenerAction(s(a.typeAsString()),
                      a.redirectConfig() == null ? "" : s(a.redirectConfig().protocol()), forwardsTo(a))).toList(), s(l.sslPolicy()))));
          case TARGET_GROUPS -> ((software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse) c.response())
              .targetGroups().forEach(t -> { if (t.targetGroupArn() != null) tgs.put(t.targetGroupArn(), new TargetGroup(scope,
                  s(t.targetGroupArn()), s(t.targetGroupName()), s(t.protocolAsString()), t.port() == null ? 0 : t.port(),
                  s(t.targetTypeAsString()), s(t.vpcId()), t.loadBalancerArns().stream().filter(x -> x != null).toList(), false,
                  List.of())); });
          case TARGET_HEALTH -> {
            List<TargetGroup.Target> ts = tgTargets.computeIfAbsent(c.subject(), k -> new ArrayList<>());
            ((software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse) c.response())
                .targetHealthDescriptions().forEach(d -> {
                  if (d.target() != null && d.target().id() != null) {
                    ts.add(new TargetGroup.Target(d.target().id(), d.target().port() == null ? 0 : d.target().port()));
                  }
                });
          }
          case NETWORK_ACLS -> ((software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse) c.response()).networkAcls()
              .forEach(a -> acc.networkAcls.add(networkAcl(a)));
          case INTERNET_GATEWAYS -> ((software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse) c.response())
              .internetGateways().forEach(g -> acc.gateways.add(new Gateway(scope, s(g.internetGatewayId()), Gateway.Type.INTERNET,
                  g.attachments().stream().filter(a -> a != null && a.vpcId() != null).map(a -> a.vpcId()).toList(), "",
                  g.attachments().isEmpty() ? "detached" : s(g.attachments().get(0).stateAsString()), List.of())));
          case EGRESS_ONLY_INTERNET_GATEWAYS -> ((software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse)
              c.response()).egressOnlyInternetGateways().forEach(g -> acc.gateways.add(new Gateway(scope,
                  s(g.egressOnlyInternetGatewayId()), Gateway.Type.EGRESS_ONLY,
                  g.attachments().stream().filter(a -> a != null && a.vpcId() != null).map(a -> a.vpcId()).toList(), "",
                  g.attachments().isEmpty() ? "detached" : s(g.attachments().get(0).stateAsString()), List.of())));
          case NAT_GATEWAYS -> ((software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse) c.response()).natGateways()
              .forEach(g -> acc.gateways.add(new Gateway(scope, s(g.natGatewayId()), Gateway.Type.NAT,
                  g.vpcId() == null ? List.of() : List.of(g.vpcId()), s(g.subnetId()), s(g.stateAsString()),
                  g.natGatewayAddresses().stream().filter(a -> a != null && a.publicIp() != null).map(a -> a.publicIp()).toList())));
          case ADDRESSES -> ((software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse) c.response()).addresses()
              .forEach(a -> acc.elasticIps.add(new ElasticIp(scope, s(a.allocationId()), s(a.publicIp()), s(a.networkInterfaceId()),
                  s(a.instanceId()), s(a.privateIpAddress()))));
          case VPC_PEERING_CONNECTIONS -> ((software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse)
              c.response()).vpcPeeringConnections().forEach(v -> acc.peerings.add(new VpcPeering(scope, s(v.vpcPeeringConnectionId()),
                  v.status() == null ? "" : s(v.status().codeAsString()), side(v.requesterVpcInfo()), side(v.accepterVpcInfo()))));
          case LB_ATTRIBUTES -> {
            Map<String, String> attrs = lbAttributes.computeIfAbsent(c.subject(), k -> new TreeMap<>());
            ((DescribeLoadBalancerAttributesResponse) c.response()).attributes()
                .forEach(a -> { if (a.key() != null && a.value() != null) attrs.put(a.key(), a.value()); });
          }
        }
      }

      List<SecurityGroup> groups = lastById(read);

      for (ResourceKind k : BASE_KINDS) {
        if (!known.contains(k)) missing(k, "", "no " + k.service() + " " + k.operation() + " answer for this scope");
      }
      // Listeners: needed when there is a load balancer.
      boolean listenersKnown = known.contains(ResourceKind.LISTENERS);
      if (!lbs.isEmpty() && !listenersKnown) {
        missing(ResourceKind.LISTENERS, "", "listeners of " + lbs.size() + " load balancer(s) not collected");
      }
      if (lbs.isEmpty()) known.add(ResourceKind.LISTENERS);
      // Attributes: described one load balancer at a time; a file names its balancer by ARN, name
      // or the app/name/id part of the ARN. Not having them leaves the rules that need them UNKNOWN.
      for (LoadBalancer lb : lbs.values()) {
        Map<String, String> attrs = lbAttributes.get(lb.arn());
        if (attrs == null) attrs = lbAttributes.get(lb.shortId());
        if (attrs == null) attrs = lbAttributes.get(lb.name());
        acc.loadBalancers.add(new LoadBalancer(scope, lb.arn(), lb.name(), lb.type(), lb.scheme(), lb.vpcId(), lb.dnsName(),
            lb.groupIds(), lb.subnetIds(), listenersKnown, listeners.getOrDefault(lb.arn(), List.of()),
            attrs != null, attrs == null ? Map.of() : attrs));
      }
      // Target groups: their targets are described one group at a time; a file names its group by
      // ARN or name. A group without them has unknown targets (never "none").
      for (TargetGroup tg : tgs.values()) {
        List<TargetGroup.Target> ts = tgTargets.get(tg.arn());
        if (ts == null) ts = tgTargets.get(tg.name());
        if (ts == null && known.contains(ResourceKind.TARGET_HEALTH) && !tg.loadBalancerArns().isEmpty()) {
          missing(ResourceKind.TARGET_HEALTH, tg.name(), "targets of target group " + tg.name() + " not collected");
        }
        acc.targetGroups.add(new TargetGroup(scope, tg.arn(), tg.name(), tg.protocol(), tg.port(), tg.targetType(), tg.vpcId(),
            tg.loadBalancerArns(), ts != null, ts == null ? List.of() : ts));
      }
      // Beanstalk: resources and settings are described one environment at a time.
      boolean allResources = true;
      boolean allSettings = true;
      for (BeanstalkEnvironment e : envs.values()) {
        var res = envResources.get(e.name());
        List<OptionSetting> settings = envSettings.get(e.name());
        if (res == null) {
          allResources = false;
          missing(ResourceKind.EB_RESOURCES, e.name(), "resources of environment " + e.name() + " not collected");
        }
        if (settings == null) {
          allSettings = false;
          missing(ResourceKind.EB_SETTINGS, e.name(), "configuration settings of environment " + e.name() + " not collected");
        }
        var r = res == null ? null : res.environmentResources();
        acc.environments.add(new BeanstalkEnvironment(scope, e.name(), e.id(), e.application(), e.arn(), e.cname(), e.tier(),
            e.status(), e.health(), r != null,
            r == null ? List.of() : r.instances().stream().map(i -> s(i.id())).toList(),
            r == null ? List.of() : r.loadBalancers().stream().map(l -> s(l.name())).toList(),
            r == null ? List.of() : r.autoScalingGroups().stream().map(a -> s(a.name())).toList(),
            settings != null, settings == null ? List.of() : settings));
      }
      if (allResources && known.contains(ResourceKind.EB_ENVIRONMENTS)) known.add(ResourceKind.EB_RESOURCES);
      else known.remove(ResourceKind.EB_RESOURCES);
      if (allSettings && known.contains(ResourceKind.EB_ENVIRONMENTS)) known.add(ResourceKind.EB_SETTINGS);
      else known.remove(ResourceKind.EB_SETTINGS);

      // Parameter groups: only those in use and not AWS defaults need describing.
      Set<String> inUse = new TreeSet<>();
      dbs.forEach(d -> inUse.add(d.parameterGroup()));
      clusters.forEach(d -> inUse.add(d.parameterGroup()));
      inUse.remove("");
      boolean allParameters = true;
      for (String g : inUse) {
        Map<String, String> p = parameters.get(g);
        if (p != null) {
          acc.parameterGroups.add(new DbParameterGroup(scope, g, p));
        } else if (!g.startsWith("default.")) {
          allParameters = false;
          missing(ResourceKind.DB_PARAMETERS, g, "parameters of parameter group " + g + " not collected");
        }
      }
      if (allParameters) known.add(ResourceKind.DB_PARAMETERS);
      else known.remove(ResourceKind.DB_PARAMETERS);

      // Prefix lists referenced by rules.
      Set<String> referenced = new TreeSet<>();
      for (SecurityGroup g : groups) {
        List<Permission> ingress = g.ingress();
        for (int i = 0; i < ingress.size(); i++) {
          List<String> lists = ingress.get(i).prefixLists();
          if (!lists.isEmpty()) referenced.addAll(lists); // most are empty: no iterator for those
        }
      }
      boolean allPrefixLists = true;
      for (String id : referenced) {
        List<String> entries = prefixEntries.get(id);
        if (entries == null) {
          allPrefixLists = false;
          missing(ResourceKind.PREFIX_LISTS, id, "entries of prefix list " + id + " not collected");
        } else {
          PrefixList named = prefixNames.get(id);
          acc.prefixLists.add(new PrefixList(scope, id, named == null ? "" : named.name(), entries));
        }
      }
      if (allPrefixLists) known.add(ResourceKind.PREFIX_LISTS);
      else known.remove(ResourceKind.PREFIX_LISTS);

      // ElastiCache: SecurityGroups may be absent (moto, or a cluster inside a replication group);
      // fall back to the group ids of the nodes' network interfaces ("ElastiCache <cluster-id>").
      Map<String, Set<String>> eniGroupsByCache = new HashMap<>();
      for (NetworkInterface n : enis) {
        if (n.description().startsWith("ElastiCache ")) {
          eniGroupsByCache.computeIfAbsent(n.description().substring("ElastiCache ".length()).trim(), k -> new TreeSet<>())
              .addAll(n.groupIds());
        }
      }
      Map<String, Set<String>> clusterGroups = new HashMap<>();
      for (CacheCluster cc : caches) {
        Set<String> ids = new TreeSet<>(cc.groupIds());
        if (ids.isEmpty()) ids.addAll(eniGroupsByCache.getOrDefault(cc.id(), Set.of()));
        clusterGroups.put(cc.id(), ids);
        acc.cacheClusters.add(new CacheCluster(scope, cc.id(), cc.arn(), cc.engine(), cc.engineVersion(), cc.port(), cc.endpoints(),
            List.copyOf(ids), cc.atRestEncryption(), cc.transitEncryption(), cc.authTokenEnabled(), cc.replicationGroupId(), cc.fields()));
      }
      Map<String, CacheCluster> cachesById = new HashMap<>();
      caches.forEach(cc -> cachesById.put(cc.id(), cc));
      for (ReplicationGroup rg : rgs) {
        Set<String> ids = new TreeSet<>();
        // The subnet group of a replication group is its member clusters' (the group's record has none).
        Set<String> subnetGroups = new TreeSet<>();
        boolean membersSay = !rg.memberClusters().isEmpty();
        for (String m : rg.memberClusters()) {
          ids.addAll(clusterGroups.getOrDefault(m, Set.of()));
          ids.addAll(eniGroupsByCache.getOrDefault(m, Set.of()));
          CacheCluster member = cachesById.get(m);
          String sg = member == null ? null : member.fields().get("CacheSubnetGroupName");
          if (sg == null) membersSay = false;
          else subnetGroups.add(sg);
        }
        ReplicationGroup withIds = rg.withGroupIds(List.copyOf(ids));
        acc.replicationGroups.add(membersSay ? withIds.withFields(Map.of("CacheSubnetGroupName", String.join(",", subnetGroups))) : withIds);
      }

      acc.groups.addAll(groups);
      acc.enis.addAll(enis);
      acc.instances.addAll(instances);
      acc.dbInstances.addAll(dbs);
      acc.dbClusters.addAll(clusters);
      acc.collected.computeIfAbsent(scope, k -> EnumSet.noneOf(ResourceKind.class)).addAll(known);
    }

    private void missing(ResourceKind kind, String subject, String message) {
      for (CollectionError e : acc.errors) {
        if (e.account().equals(scope.account()) && e.region().equals(scope.region())
            && explains(e.operation(), kind) && (subject.isEmpty() || e.message().contains(subject))) {
          return; // an error already says why it is unknown
        }
      }
      acc.errors.add(new CollectionError(kind.service(), scope.region(), scope.account(), kind.operation(), NOT_COLLECTED, message));
    }

    /** A cluster parameter group is described by its own call, but lands in the same kind. */
    private static boolean explains(String operation, ResourceKind kind) {
      return operation.equals(kind.operation())
          || kind == ResourceKind.DB_PARAMETERS && operation.equals("DescribeDBClusterParameters");
    }

    private SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
      return new SecurityGroup(scope, s(g.groupId()), s(g.groupName()), s(g.description()), s(g.vpcId()),
          s(g.ownerId()), tags(g.tags()), permissions(g.ipPermissions(), g.ownerId()),
          permissions(g.ipPermissionsEgress(), g.ownerId()));
    }

    private NetworkInterface networkInterface(software.amazon.awssdk.services.ec2.model.NetworkInterface n) {
      List<String> v6 = new ArrayList<>();
      n.ipv6Addresses().forEach(a -> { if (a != null && a.ipv6Address() != null) v6.add(a.ipv6Address()); });
      java.util.LinkedHashSet<String> privateIps = new java.util.LinkedHashSet<>();
      if (n.privateIpAddress() != null) privateIps.add(n.privateIpAddress());
      n.privateIpAddresses().forEach(a -> { if (a != null && a.privateIpAddress() != null) privateIps.add(a.privateIpAddress()); });
      return new NetworkInterface(scope, s(n.networkInterfaceId()), s(n.vpcId()), s(n.subnetId()),
          n.groups().stream().map(g -> s(g.groupId())).toList(),
          n.association() == null ? "" : s(n.association().publicIp()), s(n.interfaceTypeAsString()),
          s(n.requesterId()), Boolean.TRUE.equals(n.requesterManaged()), s(n.description()),
          n.attachment() == null ? "" : s(n.attachment().instanceId()), tags(n.tagSet()), v6, List.copyOf(privateIps));
    }

    private NetworkAcl networkAcl(software.amazon.awssdk.services.ec2.model.NetworkAcl a) {
      List<NaclEntry> entries = new ArrayList<>();
      for (var e : a.entries()) {
        if (e.ruleNumber() == null) continue;
        boolean ports = e.portRange() != null && e.portRange().from() != null && e.portRange().to() != null;
        entries.add(new NaclEntry(e.ruleNumber(), Boolean.TRUE.equals(e.egress()), s(e.protocol()),
            "allow".equalsIgnoreCase(s(e.ruleActionAsString())), e.cidrBlock() != null ? e.cidrBlock() : s(e.ipv6CidrBlock()),
            ports ? e.portRange().from() : 0, ports ? e.portRange().to() : 65535));
      }
      List<String> subnets = a.associations().stream().filter(x -> x != null && x.subnetId() != null).map(x -> x.subnetId()).toList();
      return new NetworkAcl(scope, s(a.networkAclId()), s(a.vpcId()), Boolean.TRUE.equals(a.isDefault()), subnets, entries);
    }

    private VpcPeering.Side side(software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionVpcInfo i) {
      if (i == null) return new VpcPeering.Side("", "", "", List.of());
      Set<String> cidrs = new LinkedHashSet<>();
      if (i.cidrBlock() != null) cidrs.add(i.cidrBlock());
      i.cidrBlockSet().forEach(c -> { if (c != null && c.cidrBlock() != null) cidrs.add(c.cidrBlock()); });
      i.ipv6CidrBlockSet().forEach(c -> { if (c != null && c.ipv6CidrBlock() != null) cidrs.add(c.ipv6CidrBlock()); });
      return new VpcPeering.Side(s(i.vpcId()), s(i.ownerId()), s(i.region()), List.copyOf(cidrs));
    }

    private Instance instance(software.amazon.awssdk.services.ec2.model.Instance i) {
      Set<String> groups = new LinkedHashSet<>();
      i.securityGroups().forEach(g -> groups.add(s(g.groupId())));
      i.networkInterfaces().forEach(n -> n.groups().forEach(g -> groups.add(s(g.groupId()))));
      return new Instance(scope, s(i.instanceId()), i.state() == null ? "" : s(i.state().nameAsString()),
          s(i.vpcId()), s(i.subnetId()), s(i.publicIpAddress()), List.copyOf(groups), tags(i.tags()));
    }

    private RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable t) {
      boolean main = t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
      List<String> subnets = t.associations().stream().map(a -> s(a.subnetId())).filter(x -> !x.isEmpty()).toList();
      List<Route> routes = new ArrayList<>();
      for (var r : t.routes()) {
        String dest = r.destinationCidrBlock() != null ? r.destinationCidrBlock()
            : r.destinationIpv6CidrBlock() != null ? r.destinationIpv6CidrBlock() : s(r.destinationPrefixListId());
        String target = firstNonEmpty(r.gatewayId(), r.natGatewayId(), r.transitGatewayId(), r.vpcPeeringConnectionId(),
            r.networkInterfaceId(), r.instanceId(), r.egressOnlyInternetGatewayId(), r.localGatewayId(), r.carrierGatewayId());
        if (!"blackhole".equals(r.stateAsString())) routes.add(new Route(dest, target));
      }
      return new RouteTable(scope, s(t.routeTableId()), s(t.vpcId()), main, subnets, routes);
    }

    private DbInstance dbInstance(software.amazon.awssdk.services.rds.model.DBInstance d) {
      int port = d.endpoint() != null && d.endpoint().port() != null ? d.endpoint().port()
          : d.dbInstancePort() != null && d.dbInstancePort() > 0 ? d.dbInstancePort() : defaultPort(d.engine());
      String arn = d.dbInstanceArn() != null ? d.dbInstanceArn()
          : "arn:aws:rds:" + scope.region() + ":" + scope.account() + ":db:" + d.dbInstanceIdentifier();
      return new DbInstance(scope, s(d.dbInstanceIdentifier()), arn, s(d.engine()), s(d.engineVersion()), port,
          d.endpoint() == null ? "" : s(d.endpoint().address()),
          d.vpcSecurityGroups().stream().map(g -> s(g.vpcSecurityGroupId())).toList(),
          java.util.Optional.ofNullable(d.storageEncrypted()), Boolean.TRUE.equals(d.publiclyAccessible()),
          d.dbSubnetGroup() == null ? "" : s(d.dbSubnetGroup().dbSubnetGroupName()),
          d.dbSubnetGroup() == null ? List.of() : d.dbSubnetGroup().subnets().stream().map(x -> s(x.subnetIdentifier())).toList(),
          d.dbParameterGroups().isEmpty() ? "" : s(d.dbParameterGroups().get(0).dbParameterGroupName()),
          s(d.dbClusterIdentifier()), dbInstanceFields(d));
    }

    private DbCluster dbCluster(software.amazon.awssdk.services.rds.model.DBCluster d) {
      List<String> endpoints = new ArrayList<>();
      if (d.endpoint() != null) endpoints.add(d.endpoint());
      if (d.readerEndpoint() != null) endpoints.add(d.readerEndpoint());
      String arn = d.dbClusterArn() != null ? d.dbClusterArn()
          : "arn:aws:rds:" + scope.region() + ":" + scope.account() + ":cluster:" + d.dbClusterIdentifier();
      return new DbCluster(scope, s(d.dbClusterIdentifier()), arn, s(d.engine()), s(d.engineVersion()),
          d.port() == null ? defaultPort(d.engine()) : d.port(), endpoints,
          d.vpcSecurityGroups().stream().map(g -> s(g.vpcSecurityGroupId())).toList(),
          java.util.Optional.ofNullable(d.storageEncrypted()), Boolean.TRUE.equals(d.publiclyAccessible()),
          s(d.dbSubnetGroup()), s(d.dbClusterParameterGroup()),
          d.dbClusterMembers().stream().map(m -> s(m.dbInstanceIdentifier())).toList(), dbClusterFields(d));
    }

    private CacheCluster cacheCluster(software.amazon.awssdk.services.elasticache.model.CacheCluster c) {
      List<String> endpoints = new ArrayList<>();
      int port = 0;
      if (c.configurationEndpoint() != null) {
        endpoints.add(s(c.configurationEndpoint().address()));
        if (c.configurationEndpoint().port() != null) port = c.configurationEndpoint().port();
      }
      for (var node : c.cacheNodes()) {
        if (node.endpoint() != null) {
          endpoints.add(s(node.endpoint().address()));
          if (port == 0 && node.endpoint().port() != null) port = node.endpoint().port();
        }
      }
      if (port == 0) port = defaultPort(c.engine());
      String arn = c.arn() != null ? c.arn()
          : "arn:aws:elasticache:" + scope.region() + ":" + scope.account() + ":cluster:" + c.cacheClusterId();
      return new CacheCluster(scope, s(c.cacheClusterId()), arn, s(c.engine()), s(c.engineVersion()), port,
          endpoints.stream().filter(x -> !x.isEmpty()).toList(),
          c.securityGroups().stream().map(g -> s(g.securityGroupId())).toList(),
          Boolean.TRUE.equals(c.atRestEncryptionEnabled()), Boolean.TRUE.equals(c.transitEncryptionEnabled()),
          Boolean.TRUE.equals(c.authTokenEnabled()), s(c.replicationGroupId()), cacheClusterFields(c));
    }

    private ReplicationGroup replicationGroup(software.amazon.awssdk.services.elasticache.model.ReplicationGroup r) {
      List<String> endpoints = new ArrayList<>();
      int port = 0;
      if (r.configurationEndpoint() != null) {
        endpoints.add(s(r.configurationEndpoint().address()));
        if (r.configurationEndpoint().port() != null) port = r.configurationEndpoint().port();
      }
      for (var ng : r.nodeGroups()) {
        if (ng.primaryEndpoint() != null) {
          endpoints.add(s(ng.primaryEndpoint().address()));
          if (port == 0 && ng.primaryEndpoint().port() != null) port = ng.primaryEndpoint().port();
        }
        if (ng.readerEndpoint() != null) endpoints.add(s(ng.readerEndpoint().address()));
        for (var m : ng.nodeGroupMembers()) {
          if (m.readEndpoint() != null) endpoints.add(s(m.readEndpoint().address()));
        }
      }
      String engine = r.engine() == null ? "redis" : r.engine();
      if (port == 0) port = defaultPort(engine);
      String arn = r.arn() != null ? r.arn()
          : "arn:aws:elasticache:" + scope.region() + ":" + scope.account() + ":replicationgroup:" + r.replicationGroupId();
      return new ReplicationGroup(scope, s(r.replicationGroupId()), arn, engine, port,
          endpoints.stream().filter(x -> !x.isEmpty()).distinct().toList(), r.memberClusters(), List.of(),
          Boolean.TRUE.equals(r.atRestEncryptionEnabled()), Boolean.TRUE.equals(r.transitEncryptionEnabled()),
          Boolean.TRUE.equals(r.authTokenEnabled()), r.userGroupIds(),
          r.authTokenEnabled() == null ? Map.of() : Map.of("AuthTokenEnabled", r.authTokenEnabled().toString()));
    }

    /** The fields rules may read by name; a field the record lacks is left out (unknown, not false). */
    private static Map<String, String> dbInstanceFields(software.amazon.awssdk.services.rds.model.DBInstance d) {
      Map<String, String> f = new TreeMap<>();
      put(f, "MasterUsername", d.masterUsername());
      put(f, "IAMDatabaseAuthenticationEnabled", d.iamDatabaseAuthenticationEnabled());
      put(f, "CACertificateIdentifier", d.caCertificateIdentifier());
      if (d.certificateDetails() != null) {
        put(f, "CertificateDetails.CAIdentifier", d.certificateDetails().caIdentifier());
        put(f, "CertificateDetails.ValidTill", d.certificateDetails().validTill());
      }
      // The port clients use: the endpoint's, else DbInstancePort when set (0 means "not set" there).
      Integer port = d.endpoint() != null && d.endpoint().port() != null ? d.endpoint().port()
          : d.dbInstancePort() != null && d.dbInstancePort() > 0 ? d.dbInstancePort() : null;
      put(f, "Port", port);
      return f;
    }

    private static Map<String, String> dbClusterFields(software.amazon.awssdk.services.rds.model.DBCluster d) {
      Map<String, String> f = new TreeMap<>();
      put(f, "MasterUsername", d.masterUsername());
      put(f, "IAMDatabaseAuthenticationEnabled", d.iamDatabaseAuthenticationEnabled());
      put(f, "Port", d.port());
      return f;
    }

    private static Map<String, String> cacheClusterFields(software.amazon.awssdk.services.elasticache.model.CacheCluster c) {
      Map<String, String> f = new TreeMap<>();
      put(f, "CacheSubnetGroupName", c.cacheSubnetGroupName());
      put(f, "AuthTokenEnabled", c.authTokenEnabled());
      return f;
    }

    private static void put(Map<String, String> f, String name, Object value) {
      if (value != null) f.put(name, value.toString());
    }

    private String envArn(String arn, String app, String env) {
      return arn != null && !arn.isEmpty() ? arn
          : "arn:aws:elasticbeanstalk:" + scope.region() + ":" + scope.account() + ":environment/" + s(app) + "/" + env;
    }
  }

  static List<Permission> permissions(List<IpPermission> in, String owner) {
    List<Permission> out = new ArrayList<>(in.size());
    for (IpPermission p : in) {
      out.add(permission(p.ipProtocol(), p.fromPort(), p.toPort(),
          map(p.ipRanges(), r -> s(r.cidrIp())), map(p.ipv6Ranges(), r -> s(r.cidrIpv6())),
          map(p.userIdGroupPairs(), u -> groupRef(u.groupId(), u.userId(), owner)),
          map(p.prefixListIds(), x -> s(x.prefixListId()))));
    }
    return out;
  }

  /**
   * One permission as EC2 states it: protocol lower-cased (absent is all traffic), absent ports
   * the whole range, -1 ports on TCP or UDP every port. Shared with {@link SecurityGroupJson}.
   */
  static Permission permission(String protocol, Integer fromPort, Integer toPort, List<String> v4, List<String> v6,
      List<GroupRef> groups, List<String> prefixLists) {
    return permission(protocol, fromPort == null ? ABSENT_FROM : fromPort, toPort == null ? ABSENT_TO : toPort, v4, v6, groups,
        prefixLists);
  }

  /** The ports an absent FromPort or ToPort stands for. */
  static final int ABSENT_FROM = 0;
  static final int ABSENT_TO = 65535;

  /** As above, absent ports already given as {@link #ABSENT_FROM} and {@link #ABSENT_TO}. */
  static Permission permission(String protocol, int from, int to, List<String> v4, List<String> v6,
      List<GroupRef> groups, List<String> prefixLists) {
    String proto = protocol == null ? Permission.ALL : protocol.toLowerCase(Locale.ROOT);
    if ((proto.equals("tcp") || proto.equals("udp")) && (from == -1 || to == -1)) {
      from = 0;
      to = 65535;
    }
    return new Permission(proto, from, to, v4, v6, groups, prefixLists);
  }

  /** A referenced group; a reference that names no account is to the referencing group's owner's. */
  static GroupRef groupRef(String groupId, String userId, String groupOwner) {
    return new GroupRef(s(groupId), userId == null ? s(groupOwner) : userId);
  }

  private static <A, B> List<B> map(List<A> in, Function<A, B> f) {
    List<B> out = new ArrayList<>(in.size());
    for (A a : in) out.add(f.apply(a));
    return out;
  }

  private static List<String> vpcCidrs(software.amazon.awssdk.services.ec2.model.Vpc v) {
    Set<String> cidrs = new LinkedHashSet<>();
    if (v.cidrBlock() != null) cidrs.add(v.cidrBlock());
    v.cidrBlockAssociationSet().forEach(a -> { if (a.cidrBlock() != null) cidrs.add(a.cidrBlock()); });
    v.ipv6CidrBlockAssociationSet().forEach(a -> { if (a.ipv6CidrBlock() != null) cidrs.add(a.ipv6CidrBlock()); });
    return List.copyOf(cidrs);
  }

  static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new TreeMap<>();
    for (Tag t : tags) {
      if (t.key() != null) out.put(t.key(), s(t.value()));
    }
    return out;
  }

  static int defaultPort(String engine) {
    String e = s(engine).toLowerCase(Locale.ROOT);
    if (e.contains("postgres")) return 5432;
    if (e.contains("mysql") || e.contains("mariadb")) return 3306;
    if (e.startsWith("oracle")) return 1521;
    if (e.startsWith("sqlserver")) return 1433;
    if (e.contains("redis") || e.contains("valkey")) return 6379;
    if (e.contains("memcached")) return 11211;
    return 0;
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) return v;
    }
    return "";
  }

  /** The target groups a forward action sends to: its TargetGroupArn and ForwardConfig's groups, each once, in order. */
  static List<String> forwardsTo(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    if (a.targetGroupArn() != null) out.add(a.targetGroupArn());
    if (a.forwardConfig() != null) {
      a.forwardConfig().targetGroups().forEach(t -> { if (t != null && t.targetGroupArn() != null) out.add(t.targetGroupArn()); });
    }
    return List.copyOf(out);
  }

  static String s(String v) {
    return v == null ? "" : v;
  }
}
