package dev.postern.graph;

import dev.postern.model.CacheCluster;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
import dev.postern.model.ElasticIp;
import dev.postern.model.Gateway;
import dev.postern.model.Instance;
import dev.postern.model.Inventory;
import dev.postern.model.LoadBalancer;
import dev.postern.model.NaclEntry;
import dev.postern.model.NetworkAcl;
import dev.postern.model.NetworkInterface;
import dev.postern.model.Reachability;
import dev.postern.model.ReplicationGroup;
import dev.postern.model.ResourceKind;
import dev.postern.model.ResourceRef;
import dev.postern.model.Route;
import dev.postern.model.RouteTable;
import dev.postern.model.Scope;
import dev.postern.model.Subnet;
import dev.postern.model.VpcPeering;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network path from the Internet to a resource, layer by layer (docs/reachability.md): a public
 * address, the subnet's route table sending the source to an internet gateway, the subnet's network
 * ACL admitting the packet inbound and its reply outbound, and the security group. Each layer is
 * {@code OPEN}, {@code BLOCKED} (naming the element that decides) or {@code UNKNOWN} (naming what was
 * not collected). A path is blocked when a collected layer blocks it, else unknown when a layer was
 * not collected, else reachable: a missing layer never makes a verdict quieter.
 *
 * <p>Built once per graph from the model records alone; every query is a few map look-ups and a walk
 * of one route table and one network ACL.
 */
public final class NetworkPath {
  /** The IANA numbers network ACL entries use. */
  private static final Map<String, String> PROTOCOL_NUMBER = Map.of("tcp", "6", "udp", "17", "icmp", "1", "icmpv6", "58", "-1", "-1");
  /** The ports a client's reply comes back to: the range AWS documents for NACLs that serve any client. */
  public static final int EPHEMERAL_FROM = 1024;
  public static final int EPHEMERAL_TO = 65535;
  private static final int FINAL_RULE = 32767;

  public enum Outcome {
    OPEN, BLOCKED, UNKNOWN
  }

  /** One layer's verdict: {@code hop} is its element in the hop list (empty when it has none). */
  public record Layer(String name, Outcome outcome, String hop, String reason) {}

  /**
   * Something on the network that the Internet might reach: a resource, the VPC and subnets it sits
   * in (a database in any of its subnet group's), and its public address ("" for none).
   */
  public record Member(ResourceRef ref, Scope scope, String vpcId, List<String> subnetIds, String publicIpv4, List<String> ipv6,
      String addressHop, String noAddress) {}

  /** The path to one member: its layers in order, the first blocking one deciding. */
  public record Judgement(Member member, List<Layer> layers) {
    public Outcome outcome() {
      boolean unknown = false;
      for (Layer l : layers) {
        if (l.outcome() == Outcome.BLOCKED) return Outcome.BLOCKED;
        unknown |= l.outcome() == Outcome.UNKNOWN;
      }
      return unknown ? Outcome.UNKNOWN : Outcome.OPEN;
    }

    /** {@code Internet → igw-1 → rtb-1 (0.0.0.0/0 → igw-1) → acl-1 #100 allow tcp/3306 → sg-1 tcp/3306 → eni-1 (54.1.2.3) → rds-instance db-1}. */
    public String hops() {
      StringBuilder b = new StringBuilder("Internet");
      for (Layer l : layers) if (!l.hop().isEmpty()) b.append(" → ").append(l.hop());
      return b.append(" → ").append(member.ref().type()).append(' ').append(member.ref().id()).toString();
    }

    public Optional<Layer> blockedBy() {
      return layers.stream().filter(l -> l.outcome() == Outcome.BLOCKED).findFirst();
    }

    public List<Layer> unknown() {
      return layers.stream().filter(l -> l.outcome() == Outcome.UNKNOWN).toList();
    }

    public Reachability reachability() {
      return switch (outcome()) {
        case OPEN -> new Reachability(Reachability.State.REACHABLE, hops(), "");
        case BLOCKED -> new Reachability(Reachability.State.BLOCKED, hops(), blockedBy().orElseThrow().reason());
        case UNKNOWN -> new Reachability(Reachability.State.UNKNOWN, hops(),
            String.join("; ", unknown().stream().map(Layer::reason).distinct().toList()));
      };
    }
  }

  /** The traffic asked about: protocol as security groups name it ({@code tcp}, {@code -1}…), a port range, a source CIDR. */
  public record Query(String protocol, int fromPort, int toPort, String source) {
    public Query {
      protocol = protocol == null ? "-1" : protocol.toLowerCase(Locale.ROOT);
    }

    // Written out: a record's generated equals and hashCode go through method handles, slow without C2,
    // and a query is a map key on every hop asked.
    @Override
    public boolean equals(Object o) {
      return o instanceof Query x && fromPort == x.fromPort && toPort == x.toPort && protocol.equals(x.protocol)
          && java.util.Objects.equals(source, x.source);
    }

    @Override
    public int hashCode() {
      return ((protocol.hashCode() * 31 + fromPort) * 31 + toPort) * 31 + java.util.Objects.hashCode(source);
    }

    String label() {
      if (protocol.equals("-1")) return "all traffic";
      if (!protocol.equals("tcp") && !protocol.equals("udp")) return protocol;
      return protocol + "/" + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
    }
  }

  private final Inventory inventory;
  private final Map<String, Subnet> subnets = new HashMap<>();
  private final Map<String, RouteTable> explicitTables = new HashMap<>();
  private final Map<String, RouteTable> mainTables = new HashMap<>();
  private final Map<String, NetworkAcl> aclBySubnet = new HashMap<>();
  private final Map<String, NetworkAcl> defaultAcl = new HashMap<>();
  private final Map<String, Gateway> gateways = new HashMap<>();
  private final Map<String, ElasticIp> eipByEni = new HashMap<>();
  private final Map<String, ElasticIp> eipByInstance = new HashMap<>();
  private final Map<String, List<Member>> membersByGroup = new HashMap<>();
  /** An RDS instance's subnets, by scope key of its id (for its cluster). */
  private final Map<String, List<String>> dbSubnets = new HashMap<>();
  /** An ElastiCache node's subnets, by scope key of its cluster id (its interfaces say "ElastiCache <cluster-id>"). */
  private final Map<String, Set<String>> cacheSubnets = new HashMap<>();
  /** The subnets of the ElastiCache nodes wearing a group, by scope key of the group. */
  private final Map<String, Set<String>> cacheGroupSubnets = new HashMap<>();

  private NetworkPath(Inventory inv) {
    this.inventory = inv;
    for (Subnet s : inv.subnets()) subnets.put(s.scope().key(s.id()), s);
    for (RouteTable t : inv.routeTables()) {
      if (t.main()) mainTables.put(t.scope().key(t.vpcId()), t);
      for (String s : t.subnetIds()) explicitTables.put(t.scope().key(s), t);
    }
    for (NetworkAcl a : inv.networkAcls()) {
      if (a.isDefault()) defaultAcl.put(a.scope().key(a.vpcId()), a);
      for (String s : a.subnetIds()) aclBySubnet.put(a.scope().key(s), a);
    }
    for (Gateway g : inv.gateways()) gateways.put(g.scope().key(g.id()), g);
    for (ElasticIp e : inv.elasticIps()) {
      if (!e.networkInterfaceId().isEmpty()) eipByEni.put(e.scope().key(e.networkInterfaceId()), e);
      if (!e.instanceId().isEmpty()) eipByInstance.put(e.scope().key(e.instanceId()), e);
    }
    indexMembers(inv);
  }

  public static NetworkPath of(Inventory inventory) {
    return new NetworkPath(inventory);
  }

  private void indexMembers(Inventory inv) {
    Set<String> instancesWithEni = new HashSet<>();
    for (NetworkInterface n : inv.networkInterfaces()) {
      if (!n.attachedInstanceId().isEmpty()) instancesWithEni.add(n.scope().key(n.attachedInstanceId()));
      if (n.description().startsWith("ElastiCache ") && !n.subnetId().isEmpty()) {
        cacheSubnets.computeIfAbsent(n.scope().key(n.description().substring("ElastiCache ".length()).trim()), k -> new HashSet<>())
            .add(n.subnetId());
      }
      String ip = n.publicIp();
      ElasticIp eip = eipByEni.get(n.scope().key(n.id()));
      if (ip.isEmpty() && eip != null) ip = eip.publicIp();
      String hop = n.id() + " (" + (ip.isEmpty() ? String.join(", ", n.ipv6Addresses()) : ip) + ")";
      ResourceRef ref = n.attachedInstanceId().isEmpty() ? new ResourceRef("network-interface", n.id(), "", n.description(), n.scope())
          : new ResourceRef("ec2-instance", n.attachedInstanceId(), "", "", n.scope());
      add(n.groupIds(), n.scope(), new Member(ref, n.scope(), n.vpcId(), List.of(n.subnetId()), ip, n.ipv6Addresses(), hop,
          n.id() + " has no public address"));
    }
    for (Instance i : inv.instances()) {
      if (instancesWithEni.contains(i.scope().key(i.id())) || "terminated".equals(i.state())) continue;
      String ip = i.publicIp();
      ElasticIp eip = eipByInstance.get(i.scope().key(i.id()));
      if (ip.isEmpty() && eip != null) ip = eip.publicIp();
      add(i.groupIds(), i.scope(), new Member(new ResourceRef("ec2-instance", i.id(), i.arn(), i.name(), i.scope()), i.scope(), i.vpcId(),
          List.of(i.subnetId()), ip, List.of(), i.id() + " (" + ip + ")", i.id() + " has no public address"));
    }
    Map<String, DbInstance> dbs = new HashMap<>();
    for (DbInstance d : inv.dbInstances()) {
      dbs.put(d.scope().key(d.id()), d);
      dbSubnets.put(d.scope().key(d.id()), d.subnetIds());
      String vpc = vpcOf(d.scope(), d.subnetIds());
      add(d.groupIds(), d.scope(), new Member(d.ref(), d.scope(), vpc, d.subnetIds(), d.publiclyAccessible() ? "public endpoint" : "",
          List.of(), d.endpoint().isEmpty() ? d.id() + " (PubliclyAccessible)" : d.endpoint() + " (PubliclyAccessible)",
          d.id() + " is not PubliclyAccessible: RDS gives it no public address"));
    }
    for (DbCluster c : inv.dbClusters()) {
      List<String> subnetIds = new ArrayList<>();
      for (String m : c.memberInstanceIds()) {
        DbInstance d = dbs.get(c.scope().key(m));
        if (d != null) subnetIds.addAll(d.subnetIds());
      }
      add(c.groupIds(), c.scope(), new Member(c.ref(), c.scope(), vpcOf(c.scope(), subnetIds), subnetIds.stream().distinct().toList(),
          c.publiclyAccessible() ? "public endpoint" : "", List.of(), c.id() + " (PubliclyAccessible)",
          c.id() + " is not PubliclyAccessible: RDS gives it no public address"));
    }
    for (CacheCluster c : inv.cacheClusters()) {
      for (String g : c.groupIds()) {
        cacheGroupSubnets.computeIfAbsent(c.scope().key(g), k -> new HashSet<>()).addAll(cacheSubnets.getOrDefault(c.scope().key(c.id()), Set.of()));
      }
      add(c.groupIds(), c.scope(), new Member(c.ref(), c.scope(), "", List.of(), "", List.of(), "",
          c.id() + " is an ElastiCache node: ElastiCache gives no public address"));
    }
    for (ReplicationGroup r : inv.replicationGroups()) {
      add(r.groupIds(), r.scope(), new Member(r.ref(), r.scope(), "", List.of(), "", List.of(), "",
          r.id() + " is an ElastiCache replication group: ElastiCache gives no public address"));
    }
    for (LoadBalancer lb : inv.loadBalancers()) {
      add(lb.groupIds(), lb.scope(), new Member(lb.ref(), lb.scope(), lb.vpcId(), lb.subnetIds(), lb.internetFacing() ? "internet-facing" : "",
          lb.internetFacing() ? List.of("internet-facing") : List.of(), lb.name() + " (internet-facing" + (lb.dnsName().isEmpty() ? "" : ", " + lb.dnsName()) + ")",
          lb.name() + " is an internal load balancer: no public address"));
    }
  }

  private void add(List<String> groupIds, Scope scope, Member m) {
    for (String g : groupIds) membersByGroup.computeIfAbsent(scope.key(g), k -> new ArrayList<>()).add(m);
  }

  private String vpcOf(Scope scope, List<String> subnetIds) {
    for (String s : subnetIds) {
      Subnet sn = subnets.get(scope.key(s));
      if (sn != null) return sn.vpcId();
    }
    return "";
  }

  /** What wears the group, as the network sees it (interfaces, instances, databases, caches, load balancers). */
  public List<Member> members(Scope scope, String groupId) {
    return membersByGroup.getOrDefault(scope.key(groupId), List.of());
  }

  /**
   * The path from {@code q.source()} to each member of {@code groupId}, the security-group layer being
   * {@code groupHop} (the group's rule that admits it: already judged open by the caller).
   */
  public List<Judgement> toGroup(Scope scope, String groupId, Query q, String groupHop) {
    List<Judgement> out = new ArrayList<>();
    for (Member m : members(scope, groupId)) out.addAll(toMember(m, q, groupHop));
    return out;
  }

  /** The path to one member: one judgement per subnet it may sit in (a database's subnet group has several). */
  public List<Judgement> toMember(Member m, Query q, String groupHop) {
    List<String> subnetIds = m.subnetIds().isEmpty() ? List.of("") : m.subnetIds();
    List<Judgement> out = new ArrayList<>();
    for (String subnet : subnetIds) out.add(judge(m, subnet, q, groupHop));
    return out;
  }

  /**
   * The reachability of a group's members on {@code q}: reachable when any member is by some subnet,
   * else unknown when any path is unknown, else blocked (by the first member's deciding layer).
   */
  public Reachability summarise(List<Judgement> judgements, String noMember) {
    if (judgements.isEmpty()) return new Reachability(Reachability.State.BLOCKED, "", noMember);
    Judgement best = null;
    for (Judgement j : judgements) {
      if (best == null || rank(j.outcome()) < rank(best.outcome())) best = j;
    }
    return best.reachability();
  }

  /** The most open of the judgements (reachable, else unknown, else blocked); empty for none. */
  public static Optional<Judgement> best(List<Judgement> judgements) {
    Judgement best = null;
    for (Judgement j : judgements) if (best == null || rank(j.outcome()) < rank(best.outcome())) best = j;
    return Optional.ofNullable(best);
  }

  private static int rank(Outcome o) {
    return switch (o) {
      case OPEN -> 0;
      case UNKNOWN -> 1;
      case BLOCKED -> 2;
    };
  }

  private Judgement judge(Member m, String subnetId, Query q, String groupHop) {
    IPAddress source = block(q.source());
    boolean v6 = source != null && source.isIPv6();
    if (source == null) source = block(v6 ? "::/0" : "0.0.0.0/0");
    Scope scope = m.scope();
    List<Layer> layers = new ArrayList<>();
    // Address: without one the Internet has nothing to send to.
    boolean hasAddress = v6 ? !m.ipv6().isEmpty() : !m.publicIpv4().isEmpty();
    String noAddress = v6 ? m.noAddress().replace("public address", "IPv6 address") : m.noAddress();
    Layer address = hasAddress ? new Layer("address", Outcome.OPEN, m.addressHop(), "")
        : v6 && m.ref().type().equals("ec2-instance") && m.addressHop().startsWith(m.ref().id() + " ")
            // An instance known only from DescribeInstances: its IPv6 addresses are on its interfaces.
            ? new Layer("address", Outcome.UNKNOWN, "", "IPv6 addresses of " + m.ref().id() + " not known (its network interfaces were not listed)")
            : new Layer("address", Outcome.BLOCKED, "", noAddress);
    Subnet subnet = subnetId.isEmpty() ? null : subnets.get(scope.key(subnetId));
    String vpcId = !m.vpcId().isEmpty() ? m.vpcId() : subnet != null ? subnet.vpcId() : "";
    Layer route = routeLayer(scope, vpcId, subnetId, source);
    // The gateway comes first in the hop list, the route table after it (the way the packet goes).
    layers.add(route);
    layers.add(naclLayer(scope, vpcId, subnetId, source, q, false));
    layers.add(naclLayer(scope, vpcId, subnetId, source, q, true));
    layers.add(new Layer("security-group", Outcome.OPEN, groupHop, ""));
    layers.add(address);
    return new Judgement(m, List.copyOf(layers));
  }

  private boolean known(Scope scope, ResourceKind kind) {
    return inventory.isCollected(scope, kind);
  }

  /** The subnet's route table: its explicit association, else its VPC's main table. */
  public Optional<RouteTable> routeTable(Scope scope, String vpcId, String subnetId) {
    RouteTable t = explicitTables.get(scope.key(subnetId));
    if (t == null && !vpcId.isEmpty()) t = mainTables.get(scope.key(vpcId));
    return Optional.ofNullable(t);
  }

  /** The subnet's network ACL: its association, else its VPC's default ACL. */
  public Optional<NetworkAcl> networkAcl(Scope scope, String vpcId, String subnetId) {
    NetworkAcl a = aclBySubnet.get(scope.key(subnetId));
    if (a == null && !vpcId.isEmpty()) a = defaultAcl.get(scope.key(vpcId));
    return Optional.ofNullable(a);
  }

  private Layer routeLayer(Scope scope, String vpcId, String subnetId, IPAddress source) {
    if (!known(scope, ResourceKind.ROUTE_TABLES)) {
      return new Layer("route", Outcome.UNKNOWN, "", "route tables of " + scope + " not collected (ec2 describe-route-tables)");
    }
    if (subnetId.isEmpty()) return new Layer("route", Outcome.UNKNOWN, "", "the subnet is not known");
    Optional<RouteTable> table = routeTable(scope, vpcId, subnetId);
    if (table.isEmpty()) {
      return new Layer("route", Outcome.UNKNOWN, "", "no route table of " + subnetId + " in the capture (no association, no main table of its VPC)");
    }
    RouteTable t = table.get();
    String name = t.id() + (explicitTables.containsKey(scope.key(subnetId)) ? "" : " (main)");
    RouteChoice c = chooseRoute(t, source);
    if (c.route() == null) {
      return new Layer("route", Outcome.BLOCKED, "", "route table " + name + " has no route to an internet gateway");
    }
    Route r = c.route();
    String target = r.target();
    String hop = t.id() + " (" + (explicitTables.containsKey(scope.key(subnetId)) ? "" : "main table, ") + r.destination() + " → " + target + ")";
    if (target.startsWith("igw-")) {
      Gateway g = gateways.get(scope.key(target));
      // A gateway listed but attached elsewhere (or nowhere) carries nothing; one not listed is taken
      // at the route's word (a route to a deleted gateway is a blackhole, which EC2 marks).
      if (g != null && !vpcId.isEmpty() && !g.vpcIds().contains(vpcId)) {
        return new Layer("route", Outcome.BLOCKED, "", "route table " + name + " sends " + r.destination() + " to " + target
            + ", which is not attached to " + (vpcId.isEmpty() ? "the VPC" : vpcId));
      }
      return new Layer("route", Outcome.OPEN, target + " → " + hop + (c.partial() ? " (part of the source only)" : ""), "");
    }
    String why = target.startsWith("nat-") ? ": a NAT gateway admits no inbound connection"
        : target.startsWith("eigw-") ? ": an egress-only internet gateway admits no inbound connection"
        : target.equals("local") ? ": it stays in the VPC" : ": not an internet gateway";
    return new Layer("route", Outcome.BLOCKED, "", "route table " + name + " sends " + r.destination() + " to " + target + why
        + "; no route to an internet gateway");
  }

  private record RouteChoice(Route route, boolean partial) {}

  /**
   * The route replies to {@code source} take: the longest prefix containing the whole source; if that
   * is no internet gateway, a more specific route inside the source to an internet gateway still
   * admits that part of it. Prefix-list destinations are not expanded (not matched).
   */
  private static RouteChoice chooseRoute(RouteTable t, IPAddress source) {
    Route best = null;
    int bestLength = -1;
    Route inner = null;
    for (Route r : t.routes()) {
      IPAddress d = block(r.destination());
      if (d == null || d.isIPv6() != source.isIPv6()) continue;
      int len = d.getNetworkPrefixLength() == null ? d.getBitCount() : d.getNetworkPrefixLength();
      if (d.contains(source)) {
        if (len > bestLength) {
          best = r;
          bestLength = len;
        }
      } else if (source.contains(d) && r.toInternetGateway() && inner == null) {
        inner = r;
      }
    }
    if (best != null && best.toInternetGateway()) return new RouteChoice(best, false);
    if (inner != null) return new RouteChoice(inner, true);
    return new RouteChoice(best, false);
  }

  private Layer naclLayer(Scope scope, String vpcId, String subnetId, IPAddress source, Query q, boolean reply) {
    String name = reply ? "network-acl-out" : "network-acl-in";
    if (!known(scope, ResourceKind.NETWORK_ACLS)) {
      return new Layer(name, Outcome.UNKNOWN, "", "network ACLs of " + scope + " not collected (ec2 describe-network-acls)");
    }
    if (subnetId.isEmpty()) return new Layer(name, Outcome.UNKNOWN, "", "the subnet is not known");
    Optional<NetworkAcl> acl = networkAcl(scope, vpcId, subnetId);
    if (acl.isEmpty()) return new Layer(name, Outcome.UNKNOWN, "", "no network ACL of " + subnetId + " in the capture");
    NetworkAcl a = acl.get();
    // An all-traffic query is asked as TCP on every port: TCP admitted anywhere is enough to connect.
    String proto = q.protocol().equals("-1") ? "6" : PROTOCOL_NUMBER.getOrDefault(q.protocol(), q.protocol());
    boolean ports = proto.equals("6") || proto.equals("17");
    int from = reply ? EPHEMERAL_FROM : q.protocol().equals("-1") ? 0 : q.fromPort();
    int to = reply ? EPHEMERAL_TO : q.protocol().equals("-1") ? 65535 : q.toPort();
    AclInfo info = aclInfo(a);
    List<NaclEntry> entries = reply ? info.out : info.in;
    int decided = decide(entries, reply ? info.outBlocks : info.inBlocks, source, proto, ports, from, to, true);
    NaclDecision d = decided >= 0 ? new NaclDecision(entries.get(decided), null)
        : new NaclDecision(null, decided == -1 ? null : entries.get(-decided - 2));
    String what = (reply ? "the reply " : "") + label(proto, ports, from, to) + (reply ? " to " : " from ") + source;
    String aclName = a.id() + (a.isDefault() ? " (default)" : "");
    if (d.allow() != null) {
      NaclEntry e = d.allow();
      // The reply's entry is shown by explain, not in the hop list: the packet's way is inbound.
      return new Layer(name, Outcome.OPEN, reply ? "" : aclName + " " + e.ruleLabel() + " allow " + e.protocolLabel(),
          reply ? aclName + " " + e.ruleLabel() + " allows the reply " + e.protocolLabel() + " out" : "");
    }
    NaclEntry e = d.deny();
    String rule = e == null ? "the final * rule" : (e.ruleNumber() == FINAL_RULE ? "the final * rule" : "rule " + e.ruleLabel());
    return new Layer(name, Outcome.BLOCKED, "", aclName + " " + rule + " denies " + what
        + (reply ? " (network ACLs are stateless: the reply to ephemeral ports " + EPHEMERAL_FROM + "-" + EPHEMERAL_TO + " must be allowed out)" : ""));
  }

  private static String label(String proto, boolean ports, int from, int to) {
    String n = switch (proto) {
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      case "58" -> "icmpv6";
      default -> "protocol " + proto;
    };
    return ports ? n + "/" + (from == to ? String.valueOf(from) : from + "-" + to) : n;
  }

  /** The allow entry that admits some of the traffic, or the deny entry that took the last of it. */
  record NaclDecision(NaclEntry allow, NaclEntry deny) {}

  /**
   * First match wins, per address and port: walk the entries in rule-number order with the ports
   * still undecided; a deny covering the whole source takes its ports away, an allow overlapping
   * the source and the ports left admits them. Nothing admitted before the end: denied.
   */
  static NaclDecision decide(List<NaclEntry> entries, IPAddress source, String proto, boolean ports, int from, int to) {
    return decide(entries, source, proto, ports, from, to, true);
  }

  /** As above; {@code partial}: an allow of part of the source counts (the path: some of the Internet gets in). */
  static NaclDecision decide(List<NaclEntry> entries, IPAddress source, String proto, boolean ports, int from, int to, boolean partial) {
    List<int[]> left = new ArrayList<>(List.of(new int[] {from, to}));
    for (NaclEntry e : entries) {
      if (!e.protocol().equals("-1") && !e.protocol().equals(proto)) continue;
      IPAddress c = block(e.cidr());
      if (c == null || c.isIPv6() != source.isIPv6()) continue;
      int ef = ports && !e.protocol().equals("-1") ? e.fromPort() : 0;
      int et = ports && !e.protocol().equals("-1") ? e.toPort() : 65535;
      if (e.allow()) {
        if (!c.contains(source) && !(partial && source.contains(c))) continue;
        if (!ports || overlaps(left, ef, et)) return new NaclDecision(e, null);
      } else if (c.contains(source)) {
        if (!ports) return new NaclDecision(null, e);
        left = subtract(left, ef, et);
        if (left.isEmpty()) return new NaclDecision(null, e);
      }
    }
    // Nothing admitted it: the final * entry (listed by EC2, or implicit) denies what no deny took.
    return new NaclDecision(null, null);
  }

  /**
   * As {@link #decide(List, IPAddress, String, boolean, int, int, boolean)} over entries whose
   * ranges are parsed already ({@code blocks}): the allowing entry's position, {@code -2 - position}
   * of the deny that took the last of it, or -1 when nothing admitted it (the final * entry).
   */
  private static int decide(List<NaclEntry> entries, IPAddress[] blocks, IPAddress source, String proto, boolean ports, int from, int to,
      boolean partial) {
    List<int[]> left = null;
    for (int i = 0; i < blocks.length; i++) {
      NaclEntry e = entries.get(i);
      boolean all = e.protocol().equals("-1");
      if (!all && !e.protocol().equals(proto)) continue;
      IPAddress c = blocks[i];
      if (c == null || c.isIPv6() != source.isIPv6()) continue;
      int ef = ports && !all ? e.fromPort() : 0;
      int et = ports && !all ? e.toPort() : 65535;
      if (e.allow()) {
        if (!c.contains(source) && !(partial && source.contains(c))) continue;
        if (!ports || (left == null ? from <= et && ef <= to : overlaps(left, ef, et))) return i;
      } else if (c.contains(source)) {
        if (!ports) return -2 - i;
        left = subtract(left == null ? List.of(new int[] {from, to}) : left, ef, et);
        if (left.isEmpty()) return -2 - i;
      }
    }
    return -1;
  }

  /** {@link #universal}: the decision depends on the peer's address. */
  private static final int DEPENDS = Integer.MIN_VALUE;

  /**
   * The ACL's decision on this traffic when it is the same for every peer of the family (every entry
   * that matches the protocol and family before the decision covers the whole family, as
   * 0.0.0.0/0 does): then it is asked once per ACL and traffic rather than per subnet pair.
   * {@link #DEPENDS} otherwise.
   */
  private static int universal(AclInfo info, List<NaclEntry> entries, IPAddress[] blocks, boolean egress, boolean v6, String proto,
      boolean ports, int from, int to) {
    int protoNumber;
    try {
      protoNumber = Integer.parseInt(proto);
    } catch (NumberFormatException e) {
      return DEPENDS;
    }
    if (protoNumber < -1 || protoNumber > 0xffe || from < -0x1ffff || from > 0x1ffff || to < -0x1ffff || to > 0x1ffff) return DEPENDS;
    long key = ((long) ((protoNumber + 1) & 0xfff) << 36) | ((long) (from & 0x3ffff) << 18) | (to & 0x3ffff) | (ports ? 1L << 48 : 0);
    Map<Long, Integer> memo = info.universal[(egress ? 1 : 0) + (v6 ? 2 : 0)];
    Integer known = memo.get(key);
    if (known != null) return known;
    // Nothing admitted it by the end: the final * entry denies.
    int out = -1;
    List<int[]> left = null;
    for (int i = 0; i < blocks.length; i++) {
      NaclEntry e = entries.get(i);
      boolean all = e.protocol().equals("-1");
      if (!all && !e.protocol().equals(proto)) continue;
      IPAddress c = blocks[i];
      if (c == null || c.isIPv6() != v6) continue;
      // Not the whole family: peers inside and outside it are decided differently.
      if (c.getNetworkPrefixLength() == null || c.getNetworkPrefixLength() != 0) {
        out = DEPENDS;
        break;
      }
      int ef = ports && !all ? e.fromPort() : 0;
      int et = ports && !all ? e.toPort() : 65535;
      if (e.allow()) {
        if (!ports || (left == null ? from <= et && ef <= to : overlaps(left, ef, et))) {
          out = i;
          break;
        }
      } else {
        if (!ports) {
          out = -2 - i;
          break;
        }
        left = subtract(left == null ? List.of(new int[] {from, to}) : left, ef, et);
        if (left.isEmpty()) {
          out = -2 - i;
          break;
        }
      }
    }
    memo.put(key, out);
    return out;
  }

  private static boolean overlaps(List<int[]> left, int from, int to) {
    for (int[] r : left) if (r[0] <= to && from <= r[1]) return true;
    return false;
  }

  private static List<int[]> subtract(List<int[]> left, int from, int to) {
    List<int[]> out = new ArrayList<>();
    for (int[] r : left) {
      if (to < r[0] || from > r[1]) {
        out.add(r);
        continue;
      }
      if (r[0] < from) out.add(new int[] {r[0], from - 1});
      if (to < r[1]) out.add(new int[] {to + 1, r[1]});
    }
    return out;
  }

  /**
   * Whether two VPCs talk over an active peering connection with a route on each side: the route
   * table of {@code subnetA} sends {@code subnetB}'s CIDR to it and that of {@code subnetB} sends
   * {@code subnetA}'s back (longest prefix match deciding, as for any route). Same VPC: open (the
   * local route).
   */
  public Layer peering(Scope scope, String vpcA, String subnetA, String vpcB, String subnetB) {
    Subnet a = subnets.get(scope.key(subnetA));
    Subnet b = subnets.get(scope.key(subnetB));
    return peering(scope, vpcA, subnetA, a == null ? "" : a.cidr(), vpcB, subnetB, b == null ? "" : b.cidr());
  }

  private Layer peering(Scope scope, String vpcA, String subnetA, String cidrA, String vpcB, String subnetB, String cidrB) {
    if (vpcA.equals(vpcB) || vpcA.isEmpty() || vpcB.isEmpty()) return new Layer("peering", Outcome.OPEN, "", "");
    if (!known(scope, ResourceKind.VPC_PEERING_CONNECTIONS)) {
      return new Layer("peering", Outcome.UNKNOWN, "", "VPC peering connections of " + scope + " not collected (ec2 describe-vpc-peering-connections)");
    }
    VpcPeering pcx = peeringBetween(scope, vpcA, vpcB);
    if (pcx == null) {
      // A transit gateway (or another appliance) may join them instead: not modelled, so not blocked.
      Optional<RouteTable> t = routeTable(scope, vpcA, subnetA);
      Route via = t.isEmpty() ? null : longestMatch(t.get(), block(cidrB));
      if (via != null && !via.target().equals("local") && !via.target().startsWith("pcx-") && !via.toInternetGateway()
          && !via.target().startsWith("nat-") && !via.target().startsWith("eigw-")) {
        return new Layer("peering", Outcome.UNKNOWN, "", "route table " + t.get().id() + " sends " + via.destination() + " to " + via.target()
            + ": only VPC peering is modelled between VPCs");
      }
      return new Layer("peering", Outcome.BLOCKED, "", "no active peering connection between " + vpcA + " and " + vpcB);
    }
    String pcxId = pcx.id();
    for (String[] side : List.of(new String[] {vpcA, subnetA, cidrB}, new String[] {vpcB, subnetB, cidrA})) {
      Optional<RouteTable> t = routeTable(scope, side[0], side[1]);
      if (!known(scope, ResourceKind.ROUTE_TABLES) || t.isEmpty()) {
        return new Layer("peering", Outcome.UNKNOWN, pcxId, "route table of " + side[1] + " not known");
      }
      IPAddress peer = block(side[2]);
      Route chosen = null;
      if (peer != null) {
        chosen = longestMatch(t.get(), peer);
      } else {
        chosen = t.get().routes().stream().filter(r -> r.target().equals(pcxId)).findFirst().orElse(null);
      }
      if (chosen == null) {
        return new Layer("peering", Outcome.BLOCKED, "", "route table " + t.get().id() + " has no route to " + pcxId);
      }
      if (!chosen.target().equals(pcxId)) {
        return new Layer("peering", Outcome.BLOCKED, "", "route table " + t.get().id() + " sends " + chosen.destination() + " to "
            + chosen.target() + ", not to " + pcxId + " (for " + side[2] + ")");
      }
    }
    return new Layer("peering", Outcome.OPEN, pcxId, "");
  }

  /** The route of {@code t} with the longest destination containing the whole of {@code peer}; null for none. */
  private static Route longestMatch(RouteTable t, IPAddress peer) {
    if (peer == null) return null;
    Route chosen = null;
    int best = -1;
    for (Route r : t.routes()) {
      IPAddress d = block(r.destination());
      if (d == null || d.isIPv6() != peer.isIPv6() || !d.contains(peer)) continue;
      int len = d.getNetworkPrefixLength() == null ? d.getBitCount() : d.getNetworkPrefixLength();
      if (len > best) {
        best = len;
        chosen = r;
      }
    }
    return chosen;
  }

  /** Active peering connections by scope and VPC pair, indexed on first use. */
  private volatile Map<String, VpcPeering> peeringIndex;

  private VpcPeering peeringBetween(Scope scope, String vpcA, String vpcB) {
    Map<String, VpcPeering> index = peeringIndex;
    if (index == null) {
      index = new HashMap<>();
      for (VpcPeering v : inventory.peerings()) {
        if (!v.active()) continue;
        index.put(v.scope().key(v.requester().vpcId() + "|" + v.accepter().vpcId()), v);
        index.put(v.scope().key(v.accepter().vpcId() + "|" + v.requester().vpcId()), v);
      }
      peeringIndex = index;
    }
    return index.get(scope.key(vpcA + "|" + vpcB));
  }

  // ---- hops inside the account: member of group A → member of group B ----

  /**
   * One hop from a member of one group to a member of another, as the network sees it: from
   * subnet {@code fromSubnet} to subnet {@code toSubnet}, each layer in the packet's order (the
   * local route or the peering, A's network ACL out, B's in, B's reply out, A's reply in).
   */
  public record Hop(String fromSubnet, String toSubnet, List<Layer> layers) {
    public Outcome outcome() {
      boolean unknown = false;
      for (Layer l : layers) {
        if (l.outcome() == Outcome.BLOCKED) return Outcome.BLOCKED;
        unknown |= l.outcome() == Outcome.UNKNOWN;
      }
      return unknown ? Outcome.UNKNOWN : Outcome.OPEN;
    }

    public Optional<Layer> blockedBy() {
      return layers.stream().filter(l -> l.outcome() == Outcome.BLOCKED).findFirst();
    }

    /** The reasons of the layers not collected, once each. */
    public String unknownReason() {
      return String.join("; ", layers.stream().filter(l -> l.outcome() == Outcome.UNKNOWN).map(Layer::reason).distinct().toList());
    }

    /** The deciding elements for the hop list: {@code pcx-1 → acl-a #100 allow out tcp/5432 → acl-b #100 allow tcp/5432}. */
    public String elements() {
      return String.join(" → ", layers.stream().map(Layer::hop).filter(h -> !h.isEmpty()).toList());
    }
  }

  /**
   * A set of subnets of one scope (sorted, each once), numbered: groups whose members sit in the
   * same subnets share one, so a hop is judged once per pair of sets and traffic.
   */
  public record SubnetSet(int id, Scope scope, List<String> subnets, int[] indexes, Map<String, int[]> byVpc) {
    public boolean isEmpty() {
      return subnets.isEmpty();
    }
  }

  private final Map<String, SubnetSet> subnetSets = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger nextSet = new java.util.concurrent.atomic.AtomicInteger();
  /** A group's members' subnets, built on first use per group. */
  private final Map<String, SubnetSet> groupSubnets = new java.util.concurrent.ConcurrentHashMap<>();
  /** Judged hops by traffic, then by the pair of subnet set ids. */
  private final Map<Query, Map<Long, Hop>> hops = new java.util.concurrent.ConcurrentHashMap<>();

  /** The numbered set of these subnets of {@code scope}. */
  public SubnetSet subnetSet(Scope scope, java.util.Collection<String> subnetIds) {
    List<String> sorted = new java.util.TreeSet<>(subnetIds).stream().filter(x -> !x.isEmpty()).toList();
    return subnetSets.computeIfAbsent(scope.key(String.join(",", sorted)), k -> {
      int[] indexes = new int[sorted.size()];
      SubnetInfo[] infos = new SubnetInfo[sorted.size()];
      Map<String, List<Integer>> byVpc = new LinkedHashMap<>();
      for (int i = 0; i < indexes.length; i++) {
        infos[i] = subnetInfo(scope, sorted.get(i));
        indexes[i] = infos[i].index;
        byVpc.computeIfAbsent(infos[i].vpc, v -> new ArrayList<>()).add(i);
      }
      Map<String, int[]> positions = new LinkedHashMap<>();
      byVpc.forEach((v, l) -> positions.put(v, l.stream().mapToInt(Integer::intValue).toArray()));
      SubnetSet set = new SubnetSet(nextSet.getAndIncrement(), scope, sorted, indexes, positions);
      setInfos.put(set.id(), new SetInfo(infos, positions));
      return set;
    });
  }

  /**
   * What judging a hop needs of one subnet, looked up once per subnet rather than per pair: its
   * number, record, parsed range, VPC, the VPCs peered with it, its route table and network ACL.
   */
  private static final class SubnetInfo {
    final int index;
    final String id;
    final Subnet subnet;
    final IPAddress block;
    final String vpc;
    /** Its route table has no route to a transit gateway or another appliance. */
    final boolean plain;
    /** The VPCs with an active peering connection to its VPC. */
    final Set<String> peeredVpcs;
    final AclInfo acl;

    SubnetInfo(int index, String id, Subnet subnet, IPAddress block, String vpc, boolean plain, Set<String> peeredVpcs, AclInfo acl) {
      this.index = index;
      this.id = id;
      this.subnet = subnet;
      this.block = block;
      this.vpc = vpc;
      this.plain = plain;
      this.peeredVpcs = peeredVpcs;
      this.acl = acl;
    }
  }

  /** A subnet set's subnets' infos, and its positions by VPC as arrays (walked once per judged pair of sets). */
  private static final class SetInfo {
    final SubnetInfo[] infos;
    final String[] vpcs;
    final int[][] positions;

    SetInfo(SubnetInfo[] infos, Map<String, int[]> byVpc) {
      this.infos = infos;
      this.vpcs = byVpc.keySet().toArray(new String[0]);
      this.positions = byVpc.values().toArray(new int[0][]);
    }
  }

  /**
   * A network ACL's entries by direction with their ranges parsed, and the open layers of a hop
   * built once per entry: their text names the ACL and the entry, not the peer subnet.
   */
  private static final class AclInfo {
    final NetworkAcl acl;
    final String name;
    final List<NaclEntry> in;
    final List<NaclEntry> out;
    final IPAddress[] inBlocks;
    final IPAddress[] outBlocks;
    /** Open layers by (egress, reply) and entry position; racy fills are benign (immutable, equal). */
    final Layer[][] open = new Layer[4][];
    /** Decisions that hold for any peer of one address family, by (egress, IPv6) then traffic ({@link #universal}). */
    @SuppressWarnings("unchecked")
    final Map<Long, Integer>[] universal = new Map[] {new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>(),
        new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>()};

    AclInfo(NetworkAcl acl) {
      this.acl = acl;
      this.name = acl.id() + (acl.isDefault() ? " (default)" : "");
      this.in = acl.entries(false);
      this.out = acl.entries(true);
      this.inBlocks = in.stream().map(e -> block(e.cidr())).toArray(IPAddress[]::new);
      this.outBlocks = out.stream().map(e -> block(e.cidr())).toArray(IPAddress[]::new);
      open[0] = new Layer[in.size()];
      open[2] = new Layer[in.size()];
      open[1] = new Layer[out.size()];
      open[3] = new Layer[out.size()];
    }
  }

  private final Map<Integer, SetInfo> setInfos = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, SubnetInfo> subnetInfos = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<NetworkAcl, AclInfo> aclInfos = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  /** Active peerings: the VPCs peered with each VPC, by scope key of the VPC. */
  private volatile Map<String, Set<String>> peeredVpcs;

  private SubnetInfo subnetInfo(Scope scope, String subnetId) {
    String key = scope.key(subnetId);
    SubnetInfo info = subnetInfos.get(key);
    if (info != null) return info;
    return subnetInfos.computeIfAbsent(key, k -> {
      Subnet sn = subnets.get(k);
      String vpc = sn == null ? "" : sn.vpcId();
      boolean plain = !vpc.isEmpty() && onlyPlainRoutes(scope, vpc, subnetId);
      Optional<NetworkAcl> acl = networkAcl(scope, vpc, subnetId);
      return new SubnetInfo(nextSubnet.getAndIncrement(), subnetId, sn, sn == null ? null : block(sn.cidr()), vpc, plain,
          peersOf(scope, vpc), acl.map(this::aclInfo).orElse(null));
    });
  }

  private AclInfo aclInfo(NetworkAcl acl) {
    synchronized (aclInfos) {
      return aclInfos.computeIfAbsent(acl, AclInfo::new);
    }
  }

  private Set<String> peersOf(Scope scope, String vpc) {
    Map<String, Set<String>> index = peeredVpcs;
    if (index == null) {
      index = new HashMap<>();
      for (VpcPeering v : inventory.peerings()) {
        if (!v.active()) continue;
        index.computeIfAbsent(v.scope().key(v.requester().vpcId()), k -> new HashSet<>()).add(v.accepter().vpcId());
        index.computeIfAbsent(v.scope().key(v.accepter().vpcId()), k -> new HashSet<>()).add(v.requester().vpcId());
      }
      peeredVpcs = index;
    }
    return index.getOrDefault(scope.key(vpc), Set.of());
  }

  /** A judged subnet pair with its outcome's rank (asked for every set pair that holds it). */
  private record Judged(Hop hop, int rank) {}

  /** Subnets numbered (in their {@link SubnetInfo}) so that judged pairs are keyed by two ints. */
  private final java.util.concurrent.atomic.AtomicInteger nextSubnet = new java.util.concurrent.atomic.AtomicInteger();
  private final Map<Query, Map<Long, Judged>> pairsByQuery = new java.util.concurrent.ConcurrentHashMap<>();

  /** The subnets the members of {@code groupId} sit in (a database: each of its subnet group's). */
  public List<String> groupSubnets(Scope scope, String groupId) {
    return groupSubnetSet(scope, groupId).subnets();
  }

  /** As {@link #groupSubnets}, numbered. */
  public SubnetSet groupSubnetSet(Scope scope, String groupId) {
    String key = scope.key(groupId);
    SubnetSet out = groupSubnets.get(key);
    if (out != null) return out;
    Set<String> s = new HashSet<>();
    for (Member m : members(scope, groupId)) s.addAll(m.subnetIds());
    s.addAll(cacheGroupSubnets.getOrDefault(key, Set.of()));
    out = subnetSet(scope, s);
    groupSubnets.put(key, out);
    return out;
  }

  /**
   * The hop from the members of {@code fromGroup} to those in {@code toSubnets} (empty: the members
   * of {@code toGroup}) on {@code q} (its source is not used): the most open subnet pair, so a hop is
   * blocked only when every pair is. Empty when either side has no subnet known (nothing to judge:
   * the caller names it).
   */
  public Optional<Hop> hop(Scope scope, String fromGroup, String toGroup, List<String> toSubnets, Query q) {
    return hop(groupSubnetSet(scope, fromGroup), toSubnets.isEmpty() ? groupSubnetSet(scope, toGroup) : subnetSet(scope, toSubnets), q);
  }

  /** The hop from subnets {@code from} to subnets {@code to} (one scope) on {@code q}; empty when either is empty. */
  public Optional<Hop> hop(SubnetSet from, SubnetSet to, Query q) {
    if (from.isEmpty() || to.isEmpty()) return Optional.empty();
    Map<Long, Hop> byPair = hops.computeIfAbsent(q, k -> new java.util.concurrent.ConcurrentHashMap<>());
    long key = pairKey(from.id(), to.id());
    Hop h = byPair.get(key);
    if (h == null) {
      h = judgeHop(from, to, q);
      byPair.put(key, h);
    }
    return Optional.of(h);
  }

  /**
   * Two numbers as one map key, unique, whose {@link Long#hashCode} (high half xor low half) is
   * spread: with the plain {@code a << 32 | b} it is {@code a ^ b}, the same for many pairs, and the
   * map's buckets turn into trees.
   */
  static long pairKey(int a, int b) {
    return ((long) a << 32) | ((b ^ (a * 0x9E3779B9)) & 0xffffffffL);
  }

  private Hop judgeHop(SubnetSet from, SubnetSet to, Query q) {
    Judged best = null;
    Map<Long, Judged> judged = pairsByQuery.computeIfAbsent(q, k -> new java.util.concurrent.ConcurrentHashMap<>());
    Scope scope = from.scope();
    SetInfo fromInfo = setInfos.get(from.id());
    SetInfo toInfo = setInfos.get(to.id());
    boolean peeringsKnown = known(scope, ResourceKind.VPC_PEERING_CONNECTIONS);
    for (SubnetInfo a : fromInfo.infos) {
      String vpcA = a.vpc;
      boolean plain = peeringsKnown && !vpcA.isEmpty() && a.plain;
      for (int v = 0; v < toInfo.vpcs.length; v++) {
        String vpcB = toInfo.vpcs[v];
        // Another VPC, no active peering and no route to anything that could join them: every
        // subnet there is blocked alike, so one stands for all.
        boolean alike = plain && !vpcB.isEmpty() && !vpcB.equals(vpcA) && !a.peeredVpcs.contains(vpcB);
        for (int j : toInfo.positions[v]) {
          SubnetInfo b = toInfo.infos[j];
          long key = pairKey(a.index, b.index);
          Judged h = judged.get(key);
          if (h == null) {
            Hop hop = judgePair(scope, a, b, q);
            h = new Judged(hop, rank(hop.outcome()));
            judged.put(key, h);
          }
          if (best == null || h.rank() < best.rank()) best = h;
          if (best.rank() == 0) return best.hop();
          if (alike) break;
        }
      }
    }
    return best.hop();
  }

  /** Route tables with no route to a transit gateway or another appliance (only local, peerings and gateways). */
  private final Map<String, Boolean> plainTables = new java.util.concurrent.ConcurrentHashMap<>();

  private boolean onlyPlainRoutes(Scope scope, String vpcId, String subnetId) {
    Optional<RouteTable> t = routeTable(scope, vpcId, subnetId);
    if (t.isEmpty()) return false;
    return plainTables.computeIfAbsent(scope.key(t.get().id()), k -> t.get().routes().stream().allMatch(r -> r.target().equals("local")
        || r.target().startsWith("pcx-") || r.toInternetGateway() || r.target().startsWith("nat-") || r.target().startsWith("eigw-")));
  }

  /** The hop between two subnets on {@code q} (the rules ask {@link #hop}, which keeps what it judged). */
  Hop pair(Scope scope, String fromSubnet, String toSubnet, Query q) {
    return judgePair(scope, subnetInfo(scope, fromSubnet), subnetInfo(scope, toSubnet), q);
  }

  private Hop judgePair(Scope scope, SubnetInfo ia, SubnetInfo ib, Query q) {
    String a = ia.id;
    String b = ib.id;
    if (a.equals(b)) {
      // Network ACLs filter traffic entering and leaving a subnet, not traffic inside it.
      return new Hop(a, b, List.of(new Layer("route", Outcome.OPEN, "", "within " + a + ": the local route; network ACLs do not filter traffic inside a subnet")));
    }
    Subnet sa = ia.subnet;
    Subnet sb = ib.subnet;
    List<Layer> layers = new ArrayList<>();
    IPAddress ca = ia.block;
    IPAddress cb = ib.block;
    if (sa == null || sb == null) {
      String missing = sa == null ? a : b;
      layers.add(new Layer("route", Outcome.UNKNOWN, "", "subnet " + missing + " not in the capture (ec2 describe-subnets)"));
    } else if (sa.vpcId().equals(sb.vpcId())) {
      layers.add(new Layer("route", Outcome.OPEN, "", "the local route of " + sa.vpcId()));
    } else {
      layers.add(peering(scope, sa.vpcId(), a, sa.cidr(), sb.vpcId(), b, sb.cidr()));
    }
    String vpcA = sa == null ? "" : sa.vpcId();
    String vpcB = sb == null ? "" : sb.vpcId();
    // The packet's order; the first blocking layer decides and the rest are not asked.
    if (layers.get(0).outcome() != Outcome.BLOCKED) {
      for (int k = 0; k < 4; k++) {
        Layer l = switch (k) {
          case 0 -> hopAcl("network-acl-out", scope, ia, cb, b, q, true, false);
          case 1 -> hopAcl("network-acl-in", scope, ib, ca, a, q, false, false);
          case 2 -> hopAcl("network-acl-reply-out", scope, ib, ca, a, q, true, true);
          default -> hopAcl("network-acl-reply-in", scope, ia, cb, b, q, false, true);
        };
        layers.add(l);
        if (l.outcome() == Outcome.BLOCKED) break;
      }
    }
    return new Hop(a, b, List.copyOf(layers));
  }

  /**
   * One network ACL of a hop: {@code subnet}'s ACL on traffic to ({@code egress}) or from its peer
   * subnet's CIDR; {@code reply}: the reply to the client's ephemeral ports.
   */
  private Layer hopAcl(String name, Scope scope, SubnetInfo subnet, IPAddress peer, String peerSubnet, Query q, boolean egress,
      boolean reply) {
    if (!known(scope, ResourceKind.NETWORK_ACLS)) {
      return new Layer(name, Outcome.UNKNOWN, "", "network ACLs of " + scope + " not collected (ec2 describe-network-acls)");
    }
    AclInfo info = subnet.acl;
    if (info == null) return new Layer(name, Outcome.UNKNOWN, "", "no network ACL of " + subnet.id + " in the capture");
    if (peer == null) return new Layer(name, Outcome.UNKNOWN, "", "the address range of " + peerSubnet + " is not known");
    String proto = q.protocol().equals("-1") ? "6" : PROTOCOL_NUMBER.getOrDefault(q.protocol(), q.protocol());
    boolean ports = proto.equals("6") || proto.equals("17");
    int from = reply ? EPHEMERAL_FROM : q.protocol().equals("-1") ? 0 : q.fromPort();
    int to = reply ? EPHEMERAL_TO : q.protocol().equals("-1") ? 65535 : q.toPort();
    List<NaclEntry> entries = egress ? info.out : info.in;
    IPAddress[] blocks = egress ? info.outBlocks : info.inBlocks;
    int decided = universal(info, entries, blocks, egress, peer.isIPv6(), proto, ports, from, to);
    if (decided == DEPENDS) decided = decide(entries, blocks, peer, proto, ports, from, to, true);
    String aclName = info.name;
    if (decided >= 0) {
      Layer[] cache = info.open[(egress ? 1 : 0) + (reply ? 2 : 0)];
      Layer cached = cache[decided];
      if (cached != null) return cached;
      NaclEntry e = entries.get(decided);
      String hop = reply ? "" : aclName + " " + e.ruleLabel() + " allow" + (egress ? " out " : " ") + e.protocolLabel();
      Layer open = new Layer(name, Outcome.OPEN, hop, reply ? aclName + " " + e.ruleLabel() + " allows the reply " + e.protocolLabel()
          + (egress ? " out" : " in") : "");
      cache[decided] = open;
      return open;
    }
    NaclEntry e = decided == -1 ? null : entries.get(-decided - 2);
    String rule = e == null || e.ruleNumber() == FINAL_RULE ? "the final * rule" : "rule " + e.ruleLabel();
    String peerLabel = peer.toCanonicalString() + " (" + peerSubnet + ")";
    String what = (reply ? "the reply " : "") + label(proto, ports, from, to) + (egress ? " out to " : " from ") + peerLabel;
    return new Layer(name, Outcome.BLOCKED, "", aclName + " " + rule + " denies " + what
        + (reply ? " (network ACLs are stateless: the reply to ephemeral ports " + EPHEMERAL_FROM + "-" + EPHEMERAL_TO + " must be allowed)" : ""));
  }

  /**
   * The inbound entry of {@code acl} that admits {@code proto}/{@code port} from the whole of
   * {@code source} (first match wins), or empty when the ACL denies it or admits only part of it.
   */
  public static Optional<NaclEntry> admits(NetworkAcl acl, String source, String proto, int port) {
    IPAddress src = block(source);
    String number = PROTOCOL_NUMBER.getOrDefault(proto, proto);
    boolean ports = number.equals("6") || number.equals("17");
    return Optional.ofNullable(decide(acl.entries(false), src, number, ports, port, port, false).allow());
  }

  /** The ACL's inbound verdict on all traffic from {@code source}: the first entry matching every protocol and port. */
  public static Optional<NaclEntry> firstForAll(NetworkAcl acl, String source) {
    IPAddress src = block(source);
    for (NaclEntry e : acl.entries(false)) {
      IPAddress c = block(e.cidr());
      if (c == null || c.isIPv6() != src.isIPv6() || !c.contains(src)) continue;
      if (e.protocol().equals("-1")) return Optional.of(e);
    }
    return Optional.empty();
  }

  /**
   * The subnets a data store's network interfaces may be in: an RDS instance's subnet group, a
   * cluster's members', an ElastiCache node's interfaces ("ElastiCache <cluster-id>"), a
   * replication group's members'. Empty when none is known.
   */
  public List<String> subnetsOf(dev.postern.model.DataStore d) {
    Set<String> out = new java.util.TreeSet<>();
    Scope scope = d.ref().scope();
    if (d instanceof DbInstance i) out.addAll(i.subnetIds());
    if (d instanceof DbCluster c) {
      for (String m : c.memberInstanceIds()) out.addAll(dbSubnets.getOrDefault(scope.key(m), List.of()));
    }
    if (d instanceof CacheCluster c) out.addAll(cacheSubnets.getOrDefault(scope.key(c.id()), Set.of()));
    if (d instanceof ReplicationGroup r) {
      for (String m : r.memberClusters()) out.addAll(cacheSubnets.getOrDefault(scope.key(m), Set.of()));
    }
    return List.copyOf(out);
  }

  /** The VPC of a subnet, "" when the subnet was not seen. */
  public String vpcOfSubnet(Scope scope, String subnetId) {
    Subnet s = subnets.get(scope.key(subnetId));
    return s == null ? "" : s.vpcId();
  }

  /** Whether explicit (true) or the main table (false) serves the subnet. */
  public boolean explicitlyRouted(Scope scope, String subnetId) {
    return explicitTables.containsKey(scope.key(subnetId));
  }

  /** Parsed CIDR blocks: a large account repeats the same few (0.0.0.0/0, the VPCs' ranges) everywhere. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Optional<IPAddress>> BLOCKS = new java.util.concurrent.ConcurrentHashMap<>();

  static IPAddress block(String cidr) {
    if (cidr == null || cidr.isEmpty()) return null;
    if (BLOCKS.size() > 100_000) BLOCKS.clear(); // bounded: distinct CIDRs beyond this are parsed each time
    return BLOCKS.computeIfAbsent(cidr, c -> {
      IPAddress a = new IPAddressString(c).getAddress();
      return Optional.ofNullable(a == null ? null : a.toPrefixBlock());
    }).orElse(null);
  }
}
