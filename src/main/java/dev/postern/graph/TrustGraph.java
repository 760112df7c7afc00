package dev.postern.graph;

import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.DataStore;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
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
import dev.postern.model.Subnet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Nodes: the Internet, CIDRs, security groups, resources. Edges: "source may reach group on
 * proto/ports" ({@link Reach}) and "resource is attached to group" ({@link Attachment}). Built once
 * from an {@link Inventory}, immutable, indexed per scope and per group so that rules query it
 * without re-scanning; iteration follows the inventory's sorted order.
 */
public final class TrustGraph {
  /** Lookups of one account and region. */
  private static final class ScopeIndex {
    final Map<String, GroupNode> groups = new HashMap<>();
    final Map<String, RouteTable> explicitTables = new HashMap<>();
    final Map<String, RouteTable> mainTables = new HashMap<>();
    final Map<String, String> subnetVpc = new HashMap<>();
    final Map<String, Instance> instances = new HashMap<>();
    final Map<String, LoadBalancer> loadBalancers = new HashMap<>();
    final Map<String, PrefixList> prefixLists = new HashMap<>();
    /** The ids of collected prefix lists that are the Internet. */
    final Set<String> internetPrefixLists = new HashSet<>();
    final Set<String> clusters = new HashSet<>();
    final Set<String> replicationGroups = new HashSet<>();
    final Map<String, List<Instance>> instancesByEnvironment = new HashMap<>();
  }

  private static final ScopeIndex EMPTY = new ScopeIndex();

  private final Inventory inventory;
  private final Map<Scope, ScopeIndex> scopes = new HashMap<>();
  private final Map<SecurityGroup, GroupNode> nodes = new IdentityHashMap<>();
  /** The nodes in the inventory's order: edges are added in it, so that searches are deterministic. */
  private final List<GroupNode> ordered = new ArrayList<>();
  private final List<DataStore> dataStores = new ArrayList<>();

  private TrustGraph(Inventory inventory) {
    this.inventory = inventory;
  }

  public static TrustGraph build(Inventory inventory) {
    TrustGraph g = new TrustGraph(inventory);
    g.index();
    return g;
  }

  private ScopeIndex scope(Scope s) {
    return scopes.computeIfAbsent(s, k -> new ScopeIndex());
  }

  private ScopeIndex lookup(Scope s) {
    return scopes.getOrDefault(s, EMPTY);
  }

  private void index() {
    for (RouteTable t : inventory.routeTables()) {
      ScopeIndex x = scope(t.scope());
      if (t.main()) x.mainTables.put(t.vpcId(), t);
      for (String s : t.subnetIds()) x.explicitTables.put(s, t);
    }
    for (Subnet s : inventory.subnets()) scope(s.scope()).subnetVpc.put(s.id(), s.vpcId());
    for (PrefixList p : inventory.prefixLists()) {
      scope(p.scope()).prefixLists.put(p.id(), p);
      if (internetPrefixList(p)) scope(p.scope()).internetPrefixLists.add(p.id());
    }
    inventory.dbClusters().forEach(c -> scope(c.scope()).clusters.add(c.id()));
    inventory.replicationGroups().forEach(r -> scope(r.scope()).replicationGroups.add(r.id()));
    for (SecurityGroup g : inventory.securityGroups()) {
      GroupNode n = new GroupNode(g, ordered.size());
      nodes.put(g, n);
      ordered.add(n);
      scope(g.scope()).groups.put(g.id(), n);
    }
    // Each group's ingress edges are built in parallel (reads only); edges from a collected group
    // are then added to that group's referencedBy in inventory order, so searches are deterministic.
    ordered.parallelStream().forEach(this::buildIngress);
    linkReferences();
    for (LoadBalancer lb : inventory.loadBalancers()) {
      scope(lb.scope()).loadBalancers.put(lb.shortId(), lb);
      scope(lb.scope()).loadBalancers.put(lb.arn(), lb);
      scope(lb.scope()).loadBalancers.putIfAbsent(lb.name(), lb);
      Tier tier = lb.internetFacing() ? Tier.EDGE : Tier.OTHER;
      lb.groupIds().forEach(id -> attach(lb.scope(), id, new Attachment(lb.ref(), tier, lb.internetFacing())));
    }
    for (Instance i : inventory.instances()) {
      ScopeIndex x = scope(i.scope());
      x.instances.put(i.id(), i);
      if ("terminated".equals(i.state()) || "shutting-down".equals(i.state())) continue;
      String env = i.tags().get("elasticbeanstalk:environment-name");
      if (env != null) x.instancesByEnvironment.computeIfAbsent(env, k -> new ArrayList<>()).add(i);
      ResourceRef ref = new ResourceRef("ec2-instance", i.id(), i.arn(), i.name(), i.scope());
      boolean exposed = !i.publicIp().isEmpty() && publicSubnet(i.scope(), i.vpcId(), i.subnetId()).orElse(true);
      i.groupIds().forEach(id -> attach(i.scope(), id, new Attachment(ref, Tier.APP, exposed)));
    }
    for (NetworkInterface n : inventory.networkInterfaces()) {
      if (!n.attachedInstanceId().isEmpty() && lookup(n.scope()).instances.containsKey(n.attachedInstanceId())) continue;
      Attachment a = eniAttachment(n);
      if (a != null) n.groupIds().forEach(id -> attach(n.scope(), id, a));
    }
    for (DbInstance d : inventory.dbInstances()) {
      if (!d.inCluster() || !lookup(d.scope()).clusters.contains(d.clusterId())) dataStores.add(d);
    }
    dataStores.addAll(inventory.dbClusters());
    inventory.cacheClusters().stream()
        .filter(c -> !c.inReplicationGroup() || !lookup(c.scope()).replicationGroups.contains(c.replicationGroupId()))
        .forEach(dataStores::add);
    dataStores.addAll(inventory.replicationGroups());
    for (DataStore d : inventory.dataStores()) {
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
    Map<Scope, Boolean> membersKnown = new HashMap<>();
    for (GroupNode n : ordered) {
      n.attachments = Collections.unmodifiableList(dedupe(n.attachments));
      n.exposed = n.attachments.stream().anyMatch(Attachment::exposed);
      n.membersKnown = membersKnown.computeIfAbsent(n.group.scope(), this::membersCollected);
    }
    for (GroupNode n : ordered) n.appByPosition = n.attachments.isEmpty() && onlyEdgeClients(n);
  }

  /** What a group can be attached to, all collected in the scope: else "attached to nothing" is not known. */
  private boolean membersCollected(Scope s) {
    for (ResourceKind k : List.of(ResourceKind.INSTANCES, ResourceKind.NETWORK_INTERFACES, ResourceKind.LOAD_BALANCERS,
        ResourceKind.DB_INSTANCES, ResourceKind.DB_CLUSTERS, ResourceKind.CACHE_CLUSTERS, ResourceKind.REPLICATION_GROUPS)) {
      if (!inventory.isCollected(s, k)) return false;
    }
    return true;
  }

  /** At least one client group other than itself, and every one of them is an edge group only (by attachment). */
  private static boolean onlyEdgeClients(GroupNode n) {
    boolean any = false;
    for (Reach r : n.ingress) {
      if (r.source().kind() != Source.Kind.GROUP || r.source().value().equals(n.group.id())) continue;
      GroupNode c = r.sourceNode();
      if (c == null || !c.tiers.equals(Set.of(Tier.EDGE))) return false;
      any = true;
    }
    return any;
  }

  /**
   * Each group's referencedBy: the edges whose source it is, in inventory order of their targets.
   * A counting sort into one array (a million edges; per-group lists would grow and scatter).
   */
  private void linkReferences() {
    int[] start = new int[ordered.size() + 1];
    for (GroupNode n : ordered) {
      for (GroupNode c : n.clients) if (c != null) start[c.index + 1]++;
    }
    for (int i = 0; i < ordered.size(); i++) start[i + 1] += start[i];
    Reach[] edges = new Reach[start[ordered.size()]];
    int[] targets = new int[edges.length];
    int[] next = start.clone();
    for (GroupNode n : ordered) {
      GroupNode[] clients = n.clients;
      for (int i = 0; i < clients.length; i++) {
        if (clients[i] == null) continue;
        int at = next[clients[i].index]++;
        edges[at] = n.ingress.get(i);
        targets[at] = n.index;
      }
      n.clients = null;
    }
    List<Reach> all = java.util.Arrays.asList(edges);
    for (GroupNode n : ordered) {
      int from = start[n.index];
      int to = start[n.index + 1];
      n.referencedBy = from == to ? List.of() : Collections.unmodifiableList(all.subList(from, to));
      n.referencedByTargets = from == to ? n.referencedByTargets : java.util.Arrays.copyOfRange(targets, from, to);
    }
  }

  // Sources are values shared by every edge from them (a million edges, a few thousand sources).
  private final Map<String, CidrSource> cidrSources = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<GroupRef, Source> groupSources = new java.util.concurrent.ConcurrentHashMap<>();

  private void buildIngress(GroupNode n) {
    SecurityGroup g = n.group;
    Scope scope = g.scope();
    ScopeIndex x = lookup(scope);
    // Indexed loops, empty lists skipped: a million permissions, and C1 allocates every iterator.
    List<Permission> perms = g.ingress();
    int count = 0;
    for (int i = 0; i < perms.size(); i++) {
      Permission p = perms.get(i);
      count += p.ipv4Ranges().size() + p.ipv6Ranges().size() + p.groups().size() + p.prefixLists().size();
    }
    List<Reach> in = new ArrayList<>(count);
    GroupNode[] clients = new GroupNode[count];
    List<Reach> internet = List.of();
    List<Reach> uncaptured = List.of();
    for (int i = 0; i < perms.size(); i++) {
      Permission p = perms.get(i);
      int before = in.size();
      addCidrs(in, p.ipv4Ranges(), g, p, n);
      addCidrs(in, p.ipv6Ranges(), g, p, n);
      List<GroupRef> refs = p.groups();
      for (int j = 0; j < refs.size(); j++) {
        GroupRef r = refs.get(j);
        String owner = r.ownerAccount();
        // Local when it names the referencing group's own account (the scope's account may be unknown).
        boolean local = owner.isEmpty() || owner.equals(scope.account()) || owner.equals(g.ownerAccount());
        GroupNode client = local ? x.groups.get(r.groupId()) : groupNode(scope, r);
        // A reference names its group's own account nearly always: that source is kept on the node.
        Source source = client != null && client.groupSource.ownerAccount().equals(owner) ? client.groupSource : groupSource(r);
        clients[in.size()] = client;
        in.add(new Reach(source, g, p, client == null ? Optional.empty() : client.asSource, n, client));
      }
      List<String> lists = p.prefixLists();
      for (int j = 0; j < lists.size(); j++) {
        String pl = lists.get(j);
        PrefixList list = x.prefixLists.get(pl);
        boolean open = list != null && x.internetPrefixLists.contains(pl);
        Reach r = new Reach(new Source(open ? Source.Kind.INTERNET : Source.Kind.PREFIX_LIST, pl, ""), g, p, Optional.empty(), n, null);
        in.add(r);
        if (list == null) {
          if (uncaptured.isEmpty()) uncaptured = new ArrayList<>(1);
          uncaptured.add(r);
        }
      }
      for (int k = before; k < in.size(); k++) {
        Reach r = in.get(k);
        if (!r.source().isInternet()) continue;
        if (internet.isEmpty()) internet = new ArrayList<>(2);
        internet.add(r);
        if (p.allPorts()) n.allPortsFromInternet = true;
      }
    }
    n.ingress = Collections.unmodifiableList(in);
    n.clients = clients;
    n.internetIngress = internet.isEmpty() ? List.of() : Collections.unmodifiableList(internet);
    n.uncapturedPrefixListIngress = uncaptured.isEmpty() ? List.of() : Collections.unmodifiableList(uncaptured);
  }

  private void addCidrs(List<Reach> in, List<String> cidrs, SecurityGroup g, Permission p, GroupNode n) {
    if (cidrs.isEmpty()) return;
    if (cidrs.size() == 1) { // nearly every rule: no union to weigh
      in.add(new Reach(cidrSource(cidrs.get(0)).source(), g, p, Optional.empty(), n, null));
      return;
    }
    List<InternetSpace.Cidr> parsed = new ArrayList<>(cidrs.size());
    for (int j = 0; j < cidrs.size(); j++) parsed.add(cidrSource(cidrs.get(j)).cidr());
    String together = InternetSpace.together(parsed);
    for (int j = 0; j < cidrs.size(); j++) {
      CidrSource c = cidrSource(cidrs.get(j));
      Source s = c.source();
      if (together != null && !s.isInternet() && c.cidr().publicAddresses() > 0) {
        s = new Source(Source.Kind.INTERNET, s.value(), "", "with the rule's other ranges: " + together);
      }
      in.add(new Reach(s, g, p, Optional.empty(), n, null));
    }
  }

  /** A CIDR source with what it covers, parsed once per distinct text. */
  private record CidrSource(Source source, InternetSpace.Cidr cidr) {}

  private Source groupSource(GroupRef r) {
    Source source = groupSources.get(r);
    return source != null ? source : groupSources.computeIfAbsent(r, k -> new Source(Source.Kind.GROUP, k.groupId(), k.ownerAccount()));
  }

  private CidrSource cidrSource(String c) {
    CidrSource s = cidrSources.get(c);
    return s != null ? s : cidrSources.computeIfAbsent(c, TrustGraph::cidr);
  }

  private GroupNode groupNode(Scope scope, GroupRef r) {
    String account = r.ownerAccount().isEmpty() ? scope.account() : r.ownerAccount();
    ScopeIndex x = account.equals(scope.account()) ? lookup(scope) : lookup(new Scope(account, scope.region()));
    return x.groups.get(r.groupId());
  }

  /** An RDS instance with PubliclyAccessible in a subnet routed to an internet gateway. */
  private boolean publiclyAccessible(DataStore d) {
    if (d instanceof DbInstance i && i.publiclyAccessible()) {
      return i.subnetIds().stream().anyMatch(s -> publicSubnet(i.scope(), "", s).orElse(true));
    }
    return d instanceof DbCluster c && c.publiclyAccessible();
  }

  private Attachment eniAttachment(NetworkInterface n) {
    String d = n.description();
    String standIn = n.tags().getOrDefault("postern:stand-in", "");
    if (d.startsWith("ELB ")) {
      LoadBalancer lb = lookup(n.scope()).loadBalancers.get(d.substring(4).trim());
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
    if (in.size() < 2) return in;
    Map<String, Attachment> out = new LinkedHashMap<>();
    for (Attachment a : in) {
      String k = a.resource().type() + '|' + a.resource().id() + '|' + a.tier();
      Attachment prev = out.get(k);
      if (prev == null || (a.exposed() && !prev.exposed())) out.put(k, a);
    }
    List<Attachment> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(Attachment::tier).thenComparing(Attachment::resource));
    return list;
  }

  private void attach(Scope scope, String groupId, Attachment a) {
    GroupNode n = lookup(scope).groups.get(groupId);
    if (n == null) return; // a group that was not collected
    n.attachments.add(a);
    n.tiers.add(a.tier());
  }

  static List<String> splitIds(String v) {
    List<String> ids = new ArrayList<>();
    for (String s : v.split("[,\\s]+")) if (s.startsWith("sg-")) ids.add(s);
    return ids;
  }

  private static CidrSource cidr(String c) {
    InternetSpace.Cidr cidr = InternetSpace.parse(c);
    return new CidrSource(new Source(cidr.wide() ? Source.Kind.INTERNET : Source.Kind.CIDR, c, "", cidr.wide() ? cidr.note() : ""), cidr);
  }

  /** A prefix list is the Internet when its entries, alone or together (per address family), are. */
  private boolean internetPrefixList(PrefixList list) {
    List<InternetSpace.Cidr> v4 = new ArrayList<>();
    List<InternetSpace.Cidr> v6 = new ArrayList<>();
    for (String c : list.cidrs()) {
      CidrSource s = cidrSource(c);
      if (s.source().isInternet()) return true;
      if (s.cidr().parsed()) (s.cidr().ipv4() ? v4 : v6).add(s.cidr());
    }
    return InternetSpace.together(v4) != null || InternetSpace.together(v6) != null;
  }

  // ---- queries ----

  private volatile NetworkPath networkPath;

  /** The network path model of this inventory (docs/reachability.md), built on first use. */
  public NetworkPath networkPath() {
    NetworkPath p = networkPath;
    if (p == null) {
      synchronized (this) {
        if (networkPath == null) networkPath = NetworkPath.of(inventory);
        p = networkPath;
      }
    }
    return p;
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

  /** The groups' nodes, in the order of {@link #groups()}. */
  public List<GroupNode> groupNodes() {
    return Collections.unmodifiableList(ordered);
  }

  /** The collected groups' nodes among {@code groupIds} (a group that was not seen is left out). */
  public List<GroupNode> nodesOf(Scope scope, List<String> groupIds) {
    List<GroupNode> out = new ArrayList<>(groupIds.size());
    ScopeIndex x = lookup(scope);
    for (String id : groupIds) {
      GroupNode n = x.groups.get(id);
      if (n != null) out.add(n);
    }
    return out;
  }

  /** The group's node; null for a group that is not in this graph. */
  public GroupNode node(SecurityGroup g) {
    GroupNode n = nodes.get(g);
    return n != null ? n : lookup(g.scope()).groups.get(g.id());
  }

  /** How findings name a group (built once per group). */
  public ResourceRef ref(SecurityGroup g) {
    GroupNode n = node(g);
    return n != null ? n.ref : new ResourceRef("security-group", g.id(), g.arn(), g.name(), g.scope());
  }

  /** Every edge into {@code g}, one per source, in rule order. */
  public List<Reach> ingress(SecurityGroup g) {
    GroupNode n = node(g);
    return n == null ? List.of() : n.ingress;
  }

  /** Edges whose source is group {@code g}: where members of g may connect to. */
  public List<Reach> referencedBy(SecurityGroup g) {
    GroupNode n = node(g);
    return n == null ? List.of() : n.referencedBy;
  }

  public List<Attachment> attachments(SecurityGroup g) {
    GroupNode n = node(g);
    return n == null ? List.of() : n.attachments;
  }

  public Set<Tier> tiers(SecurityGroup g) {
    GroupNode n = node(g);
    return n == null ? Set.of() : n.tiers();
  }

  /** {@code edge}, {@code app+data}, or {@code unattached}. */
  public String tierLabel(SecurityGroup g) {
    GroupNode n = node(g);
    return n == null ? "unattached" : n.tierLabel();
  }

  public boolean hasTier(SecurityGroup g, Tier t) {
    GroupNode n = node(g);
    return n != null && n.tiers.contains(t);
  }

  /** True when a resource reachable from the Internet is attached to {@code g}. */
  public boolean exposed(SecurityGroup g) {
    GroupNode n = node(g);
    return n != null && n.exposed;
  }

  /**
   * Data stores as rules judge them: RDS instances outside a cluster, RDS clusters, standalone
   * ElastiCache clusters and replication groups (members are judged through their group/cluster).
   */
  public List<DataStore> dataStores() {
    return Collections.unmodifiableList(dataStores);
  }

  /** The collected groups among {@code groupIds} (a group that was not seen is left out). */
  public List<SecurityGroup> groupsOf(Scope scope, List<String> groupIds) {
    List<SecurityGroup> out = new ArrayList<>(groupIds.size());
    ScopeIndex x = lookup(scope);
    for (String id : groupIds) {
      GroupNode n = x.groups.get(id);
      if (n != null) out.add(n.group);
    }
    return out;
  }

  /** A load balancer by ARN, name or {@code app/name/id}. */
  public Optional<LoadBalancer> loadBalancer(Scope scope, String arnOrName) {
    return Optional.ofNullable(lookup(scope).loadBalancers.get(arnOrName));
  }

  /** Instances of a Beanstalk environment: from its resources, and by the tag Beanstalk sets. */
  public List<Instance> environmentInstances(BeanstalkEnvironment e) {
    Map<String, Instance> out = new TreeMap<>();
    ScopeIndex x = lookup(e.scope());
    for (String id : e.instanceIds()) {
      Instance i = x.instances.get(id);
      if (i != null) out.put(i.id(), i);
    }
    for (Instance i : x.instancesByEnvironment.getOrDefault(e.name(), List.of())) out.put(i.id(), i);
    return List.copyOf(out.values());
  }

  /** Groups the environment's instances run in: the launch configuration's and the instances' own. */
  public List<String> environmentAppGroupIds(BeanstalkEnvironment e) {
    Set<String> ids = new TreeSet<>();
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

  /**
   * Whether a subnet's route table (explicit, else the VPC's main table) sends 0.0.0.0/0 or ::/0 to
   * an internet gateway; empty when route tables were not collected or the subnet is unknown.
   */
  public Optional<Boolean> publicSubnet(Scope scope, String vpcId, String subnetId) {
    if (!inventory.isCollected(scope, ResourceKind.ROUTE_TABLES) || subnetId.isEmpty()) {
      return Optional.empty();
    }
    ScopeIndex x = lookup(scope);
    RouteTable t = x.explicitTables.get(subnetId);
    if (t == null) {
      String vpc = vpcId.isEmpty() ? x.subnetVpc.getOrDefault(subnetId, "") : vpcId;
      t = x.mainTables.get(vpc);
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
      Set<SecurityGroup> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
      onPath.add(t);
      collectRoutes(t, port, new ArrayList<>(), onPath, maxHops, limit, out);
    }
    out.sort(Comparator.comparingInt((Route r) -> r.hops().size()).thenComparing(r -> r.hops().get(0).target().id()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private void collectRoutes(SecurityGroup g, int port, List<Reach> tail, Set<SecurityGroup> onPath, int maxHops, int limit,
      List<Route> out) {
    if (out.size() >= limit * 4) return;
    for (Reach r : ingress(g)) {
      if (tail.isEmpty() && port > 0 && !r.permission().coversPort(port)) continue;
      if (r.source().isInternet()) {
        List<Reach> hops = new ArrayList<>();
        hops.add(r);
        hops.addAll(tail);
        out.add(new Route(hops, exposed(g)));
      } else if (r.sourceGroup().isPresent() && tail.size() + 1 < maxHops) {
        SecurityGroup client = r.sourceGroup().get();
        if (!onPath.add(client)) continue;
        List<Reach> next = new ArrayList<>();
        next.add(r);
        next.addAll(tail);
        collectRoutes(client, port, next, onPath, maxHops, limit, out);
        onPath.remove(client);
      }
    }
  }

  /** {@code attached to rds db-1, ec2-instance i-1} or {@code not attached to anything seen}. */
  public String attachmentLabel(SecurityGroup g) {
    GroupNode n = node(g);
    return n == null ? "not attached to anything postern saw" : n.attachmentLabel();
  }

}
