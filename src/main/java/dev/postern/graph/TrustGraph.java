package dev.postern.graph;

import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.DataStore;
import dev.postern.model.GroupRef;
import dev.postern.model.Instance;
import dev.postern.model.Inventory;
import dev.postern.model.LoadBalancer;
import dev.postern.model.NetworkInterface;
import dev.postern.model.Permission;
import dev.postern.model.PrefixList;
import dev.postern.model.ResourceKind;
import dev.postern.model.ResourceRef;
import dev.postern.model.RouteTable;
import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes: the Internet, CIDRs, security groups, resources. Edges: "source may reach group on
 * proto/ports" and "resource is attached to group". Built once from an {@link Inventory}; immutable
 * and indexed (by group, by referencing group) so rules query it without re-scanning.
 */
public final class TrustGraph {
  private static final List<Reach> NO_REACH = List.of();

  private final Inventory inventory;
  private final Map<String, SecurityGroup> groups = new HashMap<>();
  private final Map<String, List<Reach>> ingress = new HashMap<>();
  private final Map<String, List<Reach>> referencedBy = new HashMap<>();
  private final Map<String, List<Attachment>> attachments = new HashMap<>();
  private final Map<String, Set<Tier>> tiers = new HashMap<>();
  private final Map<String, RouteTable> explicitTables = new HashMap<>();
  private final Map<String, RouteTable> mainTables = new HashMap<>();
  private final Map<String, String> subnetVpc = new HashMap<>();
  private final Map<String, Instance> instances = new HashMap<>();
  private final Map<String, LoadBalancer> loadBalancersByShortId = new HashMap<>();
  private final Map<String, PrefixList> prefixLists = new HashMap<>();
  private final java.util.Set<String> clusterIds = new java.util.HashSet<>();
  private final java.util.Set<String> replicationGroupIds = new java.util.HashSet<>();

  private TrustGraph(Inventory inventory) {
    this.inventory = inventory;
  }

  public static TrustGraph build(Inventory inventory) {
    TrustGraph g = new TrustGraph(inventory);
    g.index();
    return g;
  }

  private void index() {
    inventory.dbClusters().forEach(c -> clusterIds.add(c.scope().key(c.id())));
    inventory.replicationGroups().forEach(r -> replicationGroupIds.add(r.scope().key(r.id())));
    for (RouteTable t : inventory.routeTables()) {
      if (t.main()) mainTables.put(t.scope().key(t.vpcId()), t);
      for (String s : t.subnetIds()) explicitTables.put(t.scope().key(s), t);
    }
    inventory.subnets().forEach(s -> subnetVpc.put(s.scope().key(s.id()), s.vpcId()));
    inventory.prefixLists().forEach(p -> prefixLists.put(p.scope().key(p.id()), p));
    for (SecurityGroup g : inventory.securityGroups()) {
      groups.put(g.scope().key(g.id()), g);
    }
    for (SecurityGroup g : inventory.securityGroups()) {
      List<Reach> in = new ArrayList<>();
      for (Permission p : g.ingress()) {
        for (String c : p.ipv4Ranges()) in.add(new Reach(cidr(c), g, p));
        for (String c : p.ipv6Ranges()) in.add(new Reach(cidr(c), g, p));
        for (GroupRef r : p.groups()) {
          Reach reach = new Reach(new Source(Source.Kind.GROUP, r.groupId(), r.ownerAccount()), g, p);
          in.add(reach);
          referencedBy.computeIfAbsent(refKey(g.scope(), r), k -> new ArrayList<>()).add(reach);
        }
        for (String pl : p.prefixLists()) {
          PrefixList list = prefixLists.get(g.scope().key(pl));
          boolean internet = list != null && list.cidrs().stream().anyMatch(TrustGraph::isInternetCidr);
          in.add(new Reach(new Source(internet ? Source.Kind.INTERNET : Source.Kind.PREFIX_LIST, pl, ""), g, p));
        }
      }
      ingress.put(g.scope().key(g.id()), Collections.unmodifiableList(in));
    }
    for (LoadBalancer lb : inventory.loadBalancers()) {
      loadBalancersByShortId.put(lb.scope().key(lb.shortId()), lb);
      Tier tier = lb.internetFacing() ? Tier.EDGE : Tier.OTHER;
      lb.groupIds().forEach(id -> attach(lb.scope(), id, new Attachment(lb.ref(), tier, lb.internetFacing())));
    }
    for (Instance i : inventory.instances()) {
      instances.put(i.scope().key(i.id()), i);
      if ("terminated".equals(i.state()) || "shutting-down".equals(i.state())) continue;
      ResourceRef ref = new ResourceRef("ec2-instance", i.id(), i.arn(), i.name(), i.scope());
      boolean exposed = !i.publicIp().isEmpty() && publicSubnet(i.scope(), i.vpcId(), i.subnetId()).orElse(true);
      i.groupIds().forEach(id -> attach(i.scope(), id, new Attachment(ref, Tier.APP, exposed)));
    }
    for (NetworkInterface n : inventory.networkInterfaces()) {
      if (!n.attachedInstanceId().isEmpty() && instances.containsKey(n.scope().key(n.attachedInstanceId()))) continue;
      Attachment a = eniAttachment(n);
      if (a != null) n.groupIds().forEach(id -> attach(n.scope(), id, a));
    }
    for (DataStore d : inventory.dataStores()) {
      // Cluster members share the cluster's groups; attach each store under its own name anyway.
      boolean exposed = publiclyAccessible(d);
      d.groupIds().forEach(id -> attach(d.ref().scope(), id, new Attachment(d.ref(), Tier.DATA, exposed)));
    }
    for (BeanstalkEnvironment e : inventory.environments()) {
      e.setting("aws:autoscaling:launchconfiguration", "SecurityGroups")
          .ifPresent(v -> splitIds(v).forEach(id -> attach(e.scope(), id, new Attachment(e.ref(), Tier.APP, false))));
      boolean internal = e.setting("aws:ec2:vpc", "ELBScheme").map("internal"::equalsIgnoreCase).orElse(false);
      Tier lbTier = internal ? Tier.OTHER : Tier.EDGE;
      for (String option : List.of("SecurityGroups", "ManagedSecurityGroup")) {
        e.setting("aws:elbv2:loadbalancer", option)
            .ifPresent(v -> splitIds(v).forEach(id -> attach(e.scope(), id, new Attachment(e.ref(), lbTier, !internal))));
      }
    }
    attachments.replaceAll((k, v) -> Collections.unmodifiableList(dedupe(v)));
  }

  /** An RDS instance with PubliclyAccessible in a subnet routed to an internet gateway. */
  private boolean publiclyAccessible(DataStore d) {
    if (d instanceof dev.postern.model.DbInstance i && i.publiclyAccessible()) {
      return i.subnetIds().stream().anyMatch(s -> publicSubnet(i.scope(), "", s).orElse(true));
    }
    return d instanceof dev.postern.model.DbCluster c && c.publiclyAccessible();
  }

  private Attachment eniAttachment(NetworkInterface n) {
    String d = n.description();
    String standIn = n.tags().getOrDefault("postern:stand-in", "");
    if (d.startsWith("ELB ")) {
      LoadBalancer lb = loadBalancersByShortId.get(n.scope().key(d.substring(4).trim()));
      if (lb != null) return new Attachment(lb.ref(), lb.internetFacing() ? Tier.EDGE : Tier.OTHER, lb.internetFacing());
      ResourceRef ref = new ResourceRef("load-balancer", d.substring(4).trim(), "", "", n.scope());
      return new Attachment(ref, n.publicIp().isEmpty() ? Tier.OTHER : Tier.EDGE, !n.publicIp().isEmpty());
    }
    if (d.equals("RDSNetworkInterface") || d.startsWith("ElastiCache ")) {
      String name = d.startsWith("ElastiCache ") ? d.substring("ElastiCache ".length()).trim() : standIn;
      return new Attachment(new ResourceRef("network-interface", n.id(), "", name, n.scope()), Tier.DATA, false);
    }
    ResourceRef ref = new ResourceRef("network-interface", n.id(), "", standIn, n.scope());
    boolean exposed = !n.publicIp().isEmpty() && publicSubnet(n.scope(), n.vpcId(), n.subnetId()).orElse(true);
    if (d.startsWith("arn:aws:ecs:") || d.startsWith("AWS Lambda VPC ENI") || "lambda".equals(n.interfaceType())) {
      return new Attachment(ref, Tier.APP, exposed);
    }
    if (!n.attachedInstanceId().isEmpty()) {
      return new Attachment(new ResourceRef("ec2-instance", n.attachedInstanceId(), "", "", n.scope()), Tier.APP, exposed);
    }
    if (n.requesterManaged() || !"interface".equals(n.interfaceType())) {
      return new Attachment(ref, Tier.OTHER, exposed);
    }
    return null; // a detached plain interface says nothing about its groups
  }

  private static List<Attachment> dedupe(List<Attachment> in) {
    Map<String, Attachment> out = new LinkedHashMap<>();
    for (Attachment a : in) {
      String k = a.resource().type() + '|' + a.resource().id() + '|' + a.tier();
      Attachment prev = out.get(k);
      if (prev == null || (a.exposed() && !prev.exposed())) out.put(k, a);
    }
    List<Attachment> list = new ArrayList<>(out.values());
    list.sort((x, y) -> {
      int c = x.tier().compareTo(y.tier());
      return c != 0 ? c : x.resource().compareTo(y.resource());
    });
    return list;
  }

  private void attach(Scope scope, String groupId, Attachment a) {
    String key = scope.key(groupId);
    attachments.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
    tiers.computeIfAbsent(key, k -> EnumSet.noneOf(Tier.class)).add(a.tier());
  }

  private static List<String> splitIds(String v) {
    List<String> ids = new ArrayList<>();
    for (String s : v.split("[,\\s]+")) if (s.startsWith("sg-")) ids.add(s);
    return ids;
  }

  private static String refKey(Scope scope, GroupRef r) {
    String account = r.ownerAccount().isEmpty() ? scope.account() : r.ownerAccount();
    return new Scope(account, scope.region()).key(r.groupId());
  }

  private static Source cidr(String c) {
    return new Source(isInternetCidr(c) ? Source.Kind.INTERNET : Source.Kind.CIDR, c, "");
  }

  public static boolean isInternetCidr(String c) {
    return "0.0.0.0/0".equals(c) || "::/0".equals(c);
  }

  // ---- queries ----

  /**
   * Data stores as rules judge them: RDS instances outside a cluster, RDS clusters, standalone
   * ElastiCache clusters and replication groups (members are judged through their group/cluster).
   */
  public List<DataStore> dataStores() {
    List<DataStore> out = new ArrayList<>();
    inventory.dbInstances().stream().filter(d -> !d.inCluster() || !clusterIds.contains(d.scope().key(d.clusterId()))).forEach(out::add);
    out.addAll(inventory.dbClusters());
    inventory.cacheClusters().stream().filter(c -> !c.inReplicationGroup() || !replicationGroupIds.contains(c.scope().key(c.replicationGroupId()))).forEach(out::add);
    out.addAll(inventory.replicationGroups());
    return out;
  }

  /** The collected groups of a data store (a group id it names but that was not seen is left out). */
  public List<SecurityGroup> groupsOf(Scope scope, List<String> groupIds) {
    List<SecurityGroup> out = new ArrayList<>();
    for (String id : groupIds) {
      SecurityGroup g = groups.get(scope.key(id));
      if (g != null) out.add(g);
    }
    return out;
  }

  public Optional<LoadBalancer> loadBalancer(Scope scope, String arnOrName) {
    for (LoadBalancer lb : inventory.loadBalancers()) {
      if (lb.scope().equals(scope) && (lb.arn().equals(arnOrName) || lb.name().equals(arnOrName))) return Optional.of(lb);
    }
    return Optional.empty();
  }

  /** Instances of a Beanstalk environment: from its resources, and by the tag Beanstalk sets. */
  public List<Instance> environmentInstances(BeanstalkEnvironment e) {
    Map<String, Instance> out = new java.util.TreeMap<>();
    for (String id : e.instanceIds()) {
      Instance i = instances.get(e.scope().key(id));
      if (i != null) out.put(i.id(), i);
    }
    for (Instance i : inventory.instances()) {
      if (i.scope().equals(e.scope()) && e.name().equals(i.tags().get("elasticbeanstalk:environment-name"))
          && !"terminated".equals(i.state())) {
        out.put(i.id(), i);
      }
    }
    return List.copyOf(out.values());
  }

  /** Groups the environment's instances run in: the launch configuration's and the instances' own. */
  public List<String> environmentAppGroupIds(BeanstalkEnvironment e) {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    e.setting("aws:autoscaling:launchconfiguration", "SecurityGroups").ifPresent(v -> ids.addAll(splitIds(v)));
    environmentInstances(e).forEach(i -> ids.addAll(i.groupIds()));
    return List.copyOf(ids);
  }

  /** The environment's load balancers, from its resources (ARNs or names). */
  public List<LoadBalancer> environmentLoadBalancers(BeanstalkEnvironment e) {
    List<LoadBalancer> out = new ArrayList<>();
    for (String lb : e.loadBalancers()) loadBalancer(e.scope(), lb).ifPresent(out::add);
    return out;
  }

  public Inventory inventory() {
    return inventory;
  }

  public boolean isCollected(Scope scope, ResourceKind kind) {
    return inventory.isCollected(scope, kind);
  }

  public List<SecurityGroup> groups() {
    return inventory.securityGroups();
  }

  public Optional<SecurityGroup> group(Scope scope, String id) {
    return Optional.ofNullable(groups.get(scope.key(id)));
  }

  /** The group a reference in {@code from}'s rules points at, if it was collected. */
  public Optional<SecurityGroup> referenced(SecurityGroup from, Source source) {
    String account = source.ownerAccount().isEmpty() ? from.scope().account() : source.ownerAccount();
    return Optional.ofNullable(groups.get(new Scope(account, from.scope().region()).key(source.value())));
  }

  /** Every edge into {@code g}, one per source, in rule order. */
  public List<Reach> ingress(SecurityGroup g) {
    return ingress.getOrDefault(g.scope().key(g.id()), NO_REACH);
  }

  /** Edges whose source is group {@code g}: where members of g may connect to. */
  public List<Reach> referencedBy(SecurityGroup g) {
    return referencedBy.getOrDefault(g.scope().key(g.id()), NO_REACH);
  }

  public List<Attachment> attachments(SecurityGroup g) {
    return attachments.getOrDefault(g.scope().key(g.id()), List.of());
  }

  public Set<Tier> tiers(SecurityGroup g) {
    return tiers.getOrDefault(g.scope().key(g.id()), Set.of());
  }

  public boolean hasTier(SecurityGroup g, Tier t) {
    return tiers(g).contains(t);
  }

  /** True when a resource reachable from the Internet is attached to {@code g}. */
  public boolean exposed(SecurityGroup g) {
    return attachments(g).stream().anyMatch(Attachment::exposed);
  }

  public Optional<Instance> instance(Scope scope, String id) {
    return Optional.ofNullable(instances.get(scope.key(id)));
  }

  /**
   * Whether a subnet's route table (explicit, else the VPC's main table) sends 0.0.0.0/0 or ::/0 to
   * an internet gateway; empty when route tables were not collected or the subnet is unknown.
   */
  public Optional<Boolean> publicSubnet(Scope scope, String vpcId, String subnetId) {
    if (!inventory.isCollected(scope, ResourceKind.ROUTE_TABLES) || subnetId.isEmpty()) {
      return Optional.empty();
    }
    RouteTable t = explicitTables.get(scope.key(subnetId));
    if (t == null) {
      String vpc = vpcId.isEmpty() ? subnetVpc.getOrDefault(scope.key(subnetId), "") : vpcId;
      t = mainTables.get(scope.key(vpc));
    }
    return t == null ? Optional.empty() : Optional.of(t.routesToInternetGateway());
  }

  /**
   * Every simple chain (at most {@code maxHops} groups, at most {@code limit} chains, shortest
   * first) from the Internet to one of {@code targets}, whose last hop admits {@code port} (any
   * port when 0).
   */
  public List<Route> routesFromInternet(List<SecurityGroup> targets, int port, int maxHops, int limit) {
    List<Route> out = new ArrayList<>();
    for (SecurityGroup t : targets) {
      collectRoutes(t, port, new ArrayList<>(), new java.util.HashSet<>(List.of(t.scope().key(t.id()))), maxHops, limit, out);
    }
    out.sort(java.util.Comparator.comparingInt((Route r) -> r.hops().size()).thenComparing(r -> r.hops().get(0).target().id()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private void collectRoutes(SecurityGroup g, int port, List<Reach> tail, java.util.Set<String> onPath, int maxHops, int limit,
      List<Route> out) {
    if (out.size() >= limit * 4) return;
    for (Reach r : ingress(g)) {
      if (tail.isEmpty() && port > 0 && !r.permission().coversPort(port)) continue;
      if (r.source().isInternet()) {
        List<Reach> hops = new ArrayList<>();
        hops.add(r);
        hops.addAll(tail);
        out.add(new Route(hops, exposed(g)));
      } else if (r.source().kind() == Source.Kind.GROUP && tail.size() + 1 < maxHops) {
        Optional<SecurityGroup> client = referenced(g, r.source());
        if (client.isEmpty() || !onPath.add(client.get().scope().key(client.get().id()))) continue;
        List<Reach> next = new ArrayList<>();
        next.add(r);
        next.addAll(tail);
        collectRoutes(client.get(), port, next, onPath, maxHops, limit, out);
        onPath.remove(client.get().scope().key(client.get().id()));
      }
    }
  }

  /** {@code attached to rds db-1, ec2-instance i-1} or {@code not attached to anything seen}. */
  public String attachmentLabel(SecurityGroup g) {
    List<Attachment> a = attachments(g);
    if (a.isEmpty()) return "not attached to anything postern saw";
    List<String> names = new ArrayList<>();
    boolean onlyInterfaces = a.stream().allMatch(x -> x.resource().type().equals("network-interface"));
    for (Attachment x : a) {
      String label = x.resource().label();
      // A service's network interfaces say less than the service resource itself.
      if (!names.contains(label) && (onlyInterfaces || !x.resource().type().equals("network-interface"))) names.add(label);
    }
    int shown = Math.min(3, names.size());
    String s = "attached to " + String.join(", ", names.subList(0, shown));
    return names.size() > shown ? s + " and " + (names.size() - shown) + " more" : s;
  }
}
