package dev.postern.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.ElasticIp;
import dev.postern.model.Gateway;
import dev.postern.model.Instance;
import dev.postern.model.Inventory;
import dev.postern.model.NaclEntry;
import dev.postern.model.NetworkAcl;
import dev.postern.model.NetworkInterface;
import dev.postern.model.Reachability;
import dev.postern.model.ResourceKind;
import dev.postern.model.Route;
import dev.postern.model.RouteTable;
import dev.postern.model.Scope;
import dev.postern.model.Subnet;
import dev.postern.model.VpcPeering;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each layer of the network path, on hand-made models: scenario in, reachability out. */
class NetworkPathTest {
  static final Scope S = new Scope("123456789012", "us-east-1");
  static final NetworkPath.Query MYSQL = new NetworkPath.Query("tcp", 3306, 3306, "0.0.0.0/0");

  /** A world: one VPC, subnet-a, an interface eni-1 wearing sg-db, whatever else the test adds. */
  static final class World {
    final List<Subnet> subnets = new ArrayList<>(List.of(new Subnet(S, "subnet-a", "vpc-1", "10.0.1.0/24", "us-east-1a", false, Map.of())));
    final List<RouteTable> tables = new ArrayList<>();
    final List<NetworkAcl> acls = new ArrayList<>();
    final List<Gateway> gateways = new ArrayList<>(List.of(new Gateway(S, "igw-1", Gateway.Type.INTERNET, List.of("vpc-1"), "", "available", List.of())));
    final List<NetworkInterface> enis = new ArrayList<>();
    final List<Instance> instances = new ArrayList<>();
    final List<ElasticIp> eips = new ArrayList<>();
    final List<VpcPeering> peerings = new ArrayList<>();
    final Set<ResourceKind> collected = EnumSet.allOf(ResourceKind.class);

    World eni(String publicIp, String... ipv6) {
      enis.add(new NetworkInterface(S, "eni-1", "vpc-1", "subnet-a", List.of("sg-db"), publicIp, "interface", "", false, "", "", Map.of(),
          List.of(ipv6)));
      return this;
    }

    World table(String id, boolean main, List<String> subnets, Route... routes) {
      List<Route> all = new ArrayList<>(List.of(new Route("10.0.0.0/16", "local")));
      all.addAll(List.of(routes));
      tables.add(new RouteTable(S, id, "vpc-1", main, subnets, all));
      return this;
    }

    World acl(String id, boolean isDefault, List<String> subnets, NaclEntry... entries) {
      acls.add(new NetworkAcl(S, id, "vpc-1", isDefault, subnets, List.of(entries)));
      return this;
    }

    NetworkPath path() {
      Inventory inv = new Inventory(Map.of(S, collected), List.of(), enis, instances, List.of(), subnets, tables, List.of(), List.of(),
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), acls, gateways, eips, peerings);
      return NetworkPath.of(inv);
    }

    Reachability judge(NetworkPath.Query q) {
      NetworkPath p = path();
      return p.summarise(p.toGroup(S, "sg-db", q, "sg-db " + q.label()), "nothing wears sg-db");
    }
  }

  static NaclEntry in(int rule, String proto, boolean allow, String cidr, int from, int to) {
    return new NaclEntry(rule, false, proto, allow, cidr, from, to);
  }

  static NaclEntry out(int rule, String proto, boolean allow, String cidr, int from, int to) {
    return new NaclEntry(rule, true, proto, allow, cidr, from, to);
  }

  static NaclEntry[] openAcl(NaclEntry... first) {
    List<NaclEntry> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(in(100, "-1", true, "0.0.0.0/0", 0, 65535), in(101, "-1", true, "::/0", 0, 65535),
        in(32767, "-1", false, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535), out(101, "-1", true, "::/0", 0, 65535),
        out(32767, "-1", false, "0.0.0.0/0", 0, 65535)));
    return all.toArray(NaclEntry[]::new);
  }

  static World publicSubnet() {
    return new World().eni("54.1.2.3").table("rtb-pub", false, List.of("subnet-a"), new Route("0.0.0.0/0", "igw-1"))
        .table("rtb-main", true, List.of()).acl("acl-1", false, List.of("subnet-a"), openAcl());
  }

  @Test
  void everyLayerOpenGivesTheHopList() {
    Reachability r = publicSubnet().judge(MYSQL);
    assertEquals(Reachability.State.REACHABLE, r.state(), r.toString());
    assertEquals("Internet → igw-1 → rtb-pub (0.0.0.0/0 → igw-1) → acl-1 #100 allow all traffic → sg-db tcp/3306 → eni-1 (54.1.2.3)"
        + " → network-interface eni-1", r.path());
  }

  @Test
  void aDenyAtALowerRuleNumberWinsOverALaterAllow() {
    World w = publicSubnet();
    w.acls.clear();
    w.acl("acl-1", false, List.of("subnet-a"), openAcl(in(90, "6", false, "0.0.0.0/0", 3306, 3306)));
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.BLOCKED, r.state());
    assertEquals("acl-1 rule #90 denies tcp/3306 from 0.0.0.0/0", r.reason());
    // The deny is on 3306 only: 443 still passes rule #100.
    assertEquals(Reachability.State.REACHABLE, w.judge(new NetworkPath.Query("tcp", 443, 443, "0.0.0.0/0")).state());
  }

  @Test
  void anAllowAtALowerRuleNumberWinsOverALaterDeny() {
    World w = publicSubnet();
    w.acls.clear();
    w.acl("acl-1", false, List.of("subnet-a"), in(80, "6", true, "0.0.0.0/0", 3306, 3306), in(90, "-1", false, "0.0.0.0/0", 0, 65535),
        out(100, "6", true, "0.0.0.0/0", 1024, 65535));
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.REACHABLE, r.state(), r.toString());
    assertTrue(r.path().contains("acl-1 #80 allow tcp/3306"), r.path());
  }

  @Test
  void aNaclThatAdmitsInboundButNotTheEphemeralReplyBlocks() {
    World w = publicSubnet();
    w.acls.clear();
    w.acl("acl-1", false, List.of("subnet-a"), in(100, "6", true, "0.0.0.0/0", 3306, 3306), out(100, "6", true, "0.0.0.0/0", 443, 443));
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.BLOCKED, r.state());
    assertTrue(r.reason().startsWith("acl-1 the final * rule denies the reply tcp/1024-65535 to 0.0.0.0/0"), r.reason());
  }

  @Test
  void aReplyRangeThatLeavesSomeEphemeralPortsIsEnough() {
    World w = publicSubnet();
    w.acls.clear();
    // Linux clients use 32768-60999: they get their replies.
    w.acl("acl-1", false, List.of("subnet-a"), in(100, "6", true, "0.0.0.0/0", 3306, 3306), out(90, "6", false, "0.0.0.0/0", 1024, 32767),
        out(100, "6", true, "0.0.0.0/0", 1024, 65535));
    assertEquals(Reachability.State.REACHABLE, w.judge(MYSQL).state());
  }

  @Test
  void theMainRouteTableServesASubnetWithoutAnAssociation() {
    World w = new World().eni("54.1.2.3").table("rtb-main", true, List.of(), new Route("0.0.0.0/0", "igw-1"))
        .acl("acl-1", false, List.of("subnet-a"), openAcl());
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.REACHABLE, r.state());
    assertTrue(r.path().contains("rtb-main (main table, 0.0.0.0/0 → igw-1)"), r.path());
    // The explicit association wins over the main table.
    w.table("rtb-private", false, List.of("subnet-a"));
    assertEquals("route table rtb-private has no route to an internet gateway", w.judge(MYSQL).reason());
  }

  @Test
  void aNatGatewayAdmitsNoInboundConnection() {
    World w = new World().eni("54.1.2.3").table("rtb-priv", false, List.of("subnet-a"), new Route("0.0.0.0/0", "nat-1"))
        .acl("acl-1", false, List.of("subnet-a"), openAcl());
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.BLOCKED, r.state());
    assertTrue(r.reason().contains("sends 0.0.0.0/0 to nat-1: a NAT gateway admits no inbound connection"), r.reason());
  }

  @Test
  void anEgressOnlyGatewayAdmitsNoInboundIpv6() {
    World w = new World().eni("", "2600:1f18::10").table("rtb-v6", false, List.of("subnet-a"), new Route("::/0", "eigw-1"))
        .acl("acl-1", false, List.of("subnet-a"), openAcl());
    Reachability r = w.judge(new NetworkPath.Query("tcp", 3306, 3306, "::/0"));
    assertEquals(Reachability.State.BLOCKED, r.state());
    assertTrue(r.reason().contains("eigw-1: an egress-only internet gateway admits no inbound connection"), r.reason());
    // Over IPv4 there is no route to an internet gateway (the first layer that blocks is named).
    assertEquals("route table rtb-v6 has no route to an internet gateway", w.judge(MYSQL).reason());
  }

  @Test
  void ipv6TrafficMatchesOnlyIpv6Entries() {
    World w = new World().eni("", "2600:1f18::10").table("rtb-v6", false, List.of("subnet-a"), new Route("::/0", "igw-1"))
        .acl("acl-1", false, List.of("subnet-a"), in(100, "-1", true, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    Reachability r = w.judge(new NetworkPath.Query("tcp", 3306, 3306, "::/0"));
    assertEquals(Reachability.State.BLOCKED, r.state());
    assertEquals("acl-1 the final * rule denies tcp/3306 from ::/0", r.reason());
    w.acls.clear();
    w.acl("acl-1", false, List.of("subnet-a"), openAcl());
    r = w.judge(new NetworkPath.Query("tcp", 3306, 3306, "::/0"));
    assertEquals(Reachability.State.REACHABLE, r.state(), r.toString());
    assertTrue(r.path().endsWith("eni-1 (2600:1f18::10) → network-interface eni-1"), r.path());
  }

  @Test
  void theDefaultAclServesASubnetWithoutAnAssociation() {
    World w = new World().eni("54.1.2.3").table("rtb-pub", false, List.of("subnet-a"), new Route("0.0.0.0/0", "igw-1"))
        .acl("acl-default", true, List.of(), openAcl());
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.REACHABLE, r.state());
    assertTrue(r.path().contains("acl-default (default) #100 allow all traffic"), r.path());
  }

  @Test
  void noPublicAddressBlocksAndAnElasticIpGivesOne() {
    World w = publicSubnet();
    w.enis.clear();
    w.eni("");
    assertEquals("eni-1 has no public address", w.judge(MYSQL).reason());
    w.eips.add(new ElasticIp(S, "eipalloc-1", "3.4.5.6", "eni-1", "", "10.0.1.5"));
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.REACHABLE, r.state());
    assertTrue(r.path().contains("eni-1 (3.4.5.6)"), r.path());
  }

  @Test
  void aLayerNotCollectedIsUnknownUnlessAnotherBlocks() {
    World w = publicSubnet();
    w.collected.remove(ResourceKind.NETWORK_ACLS);
    Reachability r = w.judge(MYSQL);
    assertEquals(Reachability.State.UNKNOWN, r.state());
    assertTrue(r.reason().contains("network ACLs of 123456789012/us-east-1 not collected"), r.reason());
    w.enis.clear();
    w.eni("");
    assertEquals(Reachability.State.BLOCKED, w.judge(MYSQL).state());
  }

  @Test
  void longestPrefixDecides() {
    World w = new World().eni("54.1.2.3").table("rtb-1", false, List.of("subnet-a"), new Route("0.0.0.0/0", "nat-1"),
        new Route("198.51.100.0/24", "igw-1")).acl("acl-1", false, List.of("subnet-a"), openAcl());
    assertEquals(Reachability.State.REACHABLE, w.judge(new NetworkPath.Query("tcp", 3306, 3306, "198.51.100.0/24")).state());
    assertEquals(Reachability.State.BLOCKED, w.judge(new NetworkPath.Query("tcp", 3306, 3306, "192.0.2.0/24")).state());
    // Part of the Internet is routed to the gateway: the Internet reaches it from there.
    assertEquals(Reachability.State.REACHABLE, w.judge(MYSQL).state());
  }

  @Test
  void anInternetGatewayNotAttachedToTheVpcCarriesNothing() {
    World w = publicSubnet();
    w.gateways.clear();
    w.gateways.add(new Gateway(S, "igw-1", Gateway.Type.INTERNET, List.of("vpc-other"), "", "available", List.of()));
    assertTrue(w.judge(MYSQL).reason().contains("igw-1, which is not attached to vpc-1"));
  }

  @Test
  void peeringNeedsAnActiveConnectionAndRoutesOnBothSides() {
    World w = new World();
    w.subnets.add(new Subnet(S, "subnet-b", "vpc-2", "10.1.1.0/24", "us-east-1a", false, Map.of()));
    w.table("rtb-a", false, List.of("subnet-a"), new Route("10.1.0.0/16", "pcx-1"));
    w.tables.add(new RouteTable(S, "rtb-b", "vpc-2", false, List.of("subnet-b"), List.of(new Route("10.1.0.0/16", "local"))));
    w.peerings.add(new VpcPeering(S, "pcx-1", "active", new VpcPeering.Side("vpc-1", "123456789012", "us-east-1", List.of("10.0.0.0/16")),
        new VpcPeering.Side("vpc-2", "123456789012", "us-east-1", List.of("10.1.0.0/16"))));
    NetworkPath.Layer l = w.path().peering(S, "vpc-1", "subnet-a", "vpc-2", "subnet-b");
    assertEquals(NetworkPath.Outcome.BLOCKED, l.outcome());
    assertEquals("route table rtb-b has no route to pcx-1", l.reason());
    w.tables.set(w.tables.size() - 1, new RouteTable(S, "rtb-b", "vpc-2", false, List.of("subnet-b"), List.of(new Route("10.0.0.0/16", "pcx-1"))));
    assertEquals(NetworkPath.Outcome.OPEN, w.path().peering(S, "vpc-1", "subnet-a", "vpc-2", "subnet-b").outcome());
    w.peerings.set(0, new VpcPeering(S, "pcx-1", "pending-acceptance", w.peerings.get(0).requester(), w.peerings.get(0).accepter()));
    assertEquals("no active peering connection between vpc-1 and vpc-2", w.path().peering(S, "vpc-1", "subnet-a", "vpc-2", "subnet-b").reason());
  }

  /** Two subnets of vpc-1 (app 10.0.1.0/24 = subnet-a, data 10.0.2.0/24 = subnet-d), sg-app on eni-app, sg-data on eni-data. */
  static World twoTiers() {
    World w = new World();
    w.subnets.add(new Subnet(S, "subnet-d", "vpc-1", "10.0.2.0/24", "us-east-1a", false, Map.of()));
    w.enis.add(new NetworkInterface(S, "eni-app", "vpc-1", "subnet-a", List.of("sg-app"), "", "interface", "", false, "", "", Map.of(), List.of()));
    w.enis.add(new NetworkInterface(S, "eni-data", "vpc-1", "subnet-d", List.of("sg-data"), "", "interface", "", false, "", "", Map.of(), List.of()));
    w.table("rtb-1", true, List.of());
    return w;
  }

  static final NetworkPath.Query PG = new NetworkPath.Query("tcp", 5432, 5432, "");

  @Test
  void aHopInsideTheVpcPassesBothSubnetsAclsBothWays() {
    World w = twoTiers();
    w.acl("acl-1", true, List.of("subnet-a", "subnet-d"), in(100, "-1", true, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    NetworkPath.Hop h = w.path().hop(S, "sg-app", "sg-data", List.of(), PG).orElseThrow();
    assertEquals(NetworkPath.Outcome.OPEN, h.outcome());
    assertEquals("acl-1 (default) #100 allow out all traffic → acl-1 (default) #100 allow all traffic", h.elements());
  }

  @Test
  void aDataSubnetAclDenyingThePortBlocksTheHop() {
    World w = twoTiers();
    w.acl("acl-1", true, List.of("subnet-a"), in(100, "-1", true, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    w.acl("acl-data", false, List.of("subnet-d"), in(90, "6", false, "10.0.1.0/24", 5432, 5432), in(100, "-1", true, "0.0.0.0/0", 0, 65535),
        out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    NetworkPath.Hop h = w.path().hop(S, "sg-app", "sg-data", List.of(), PG).orElseThrow();
    assertEquals(NetworkPath.Outcome.BLOCKED, h.outcome());
    assertEquals("network-acl-in", h.blockedBy().orElseThrow().name());
    assertEquals("acl-data rule #90 denies tcp/5432 from 10.0.1.0/24 (subnet-a)", h.blockedBy().orElseThrow().reason());
  }

  @Test
  void anAclOfWholeFamilyEntriesDecidesEachTrafficOnItsOwnWhenAskedAgain() {
    // Every entry covers 0.0.0.0/0: the decision is asked once per traffic and reused; a deny of one
    // port must not leak into another port's answer, nor an answer into another ACL's.
    World w = twoTiers();
    w.acl("acl-1", true, List.of("subnet-a"), in(100, "-1", true, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    w.acl("acl-data", false, List.of("subnet-d"), in(90, "6", false, "0.0.0.0/0", 5432, 5432), in(100, "-1", true, "0.0.0.0/0", 0, 65535),
        out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    NetworkPath p = w.path();
    for (int round = 0; round < 2; round++) {
      NetworkPath.Hop pg = p.hop(S, "sg-app", "sg-data", List.of(), PG).orElseThrow();
      assertEquals("acl-data rule #90 denies tcp/5432 from 10.0.1.0/24 (subnet-a)", pg.blockedBy().orElseThrow().reason());
      NetworkPath.Hop https = p.hop(S, "sg-app", "sg-data", List.of(), new NetworkPath.Query("tcp", 443, 443, "")).orElseThrow();
      assertEquals(NetworkPath.Outcome.OPEN, https.outcome());
      assertEquals("acl-1 (default) #100 allow out all traffic → acl-data #100 allow all traffic", https.elements());
      NetworkPath.Hop range = p.hop(S, "sg-app", "sg-data", List.of(), new NetworkPath.Query("tcp", 5000, 6000, "")).orElseThrow();
      assertEquals(NetworkPath.Outcome.OPEN, range.outcome(), "part of the range is still admitted");
    }
  }

  @Test
  void theReplyOfAHopMustLeaveTheDataSubnetAndEnterTheAppSubnet() {
    World w = twoTiers();
    w.acl("acl-1", true, List.of("subnet-a"), in(100, "6", true, "10.0.2.0/24", 443, 443), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    w.acl("acl-data", false, List.of("subnet-d"), in(100, "-1", true, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    NetworkPath.Hop h = w.path().hop(S, "sg-app", "sg-data", List.of(), PG).orElseThrow();
    assertEquals("network-acl-reply-in", h.blockedBy().orElseThrow().name());
    assertTrue(h.blockedBy().orElseThrow().reason().startsWith("acl-1 (default) the final * rule denies the reply tcp/1024-65535 from 10.0.2.0/24 (subnet-d)"),
        h.blockedBy().orElseThrow().reason());
  }

  @Test
  void withinOneSubnetNoAclApplies() {
    World w = twoTiers();
    w.acl("acl-1", true, List.of("subnet-a", "subnet-d"));
    NetworkPath p = w.path();
    assertEquals(NetworkPath.Outcome.OPEN, p.pair(S, "subnet-a", "subnet-a", PG).outcome());
    assertEquals(NetworkPath.Outcome.BLOCKED, p.pair(S, "subnet-a", "subnet-d", PG).outcome());
  }

  @Test
  void aHopWithAclsNotCollectedIsUnknownAndAGroupWithoutMembersIsNotJudged() {
    World w = twoTiers();
    w.collected.remove(ResourceKind.NETWORK_ACLS);
    NetworkPath.Hop h = w.path().hop(S, "sg-app", "sg-data", List.of(), PG).orElseThrow();
    assertEquals(NetworkPath.Outcome.UNKNOWN, h.outcome());
    assertEquals("network ACLs of " + S + " not collected (ec2 describe-network-acls)", h.unknownReason());
    assertTrue(w.path().hop(S, "sg-nobody", "sg-data", List.of(), PG).isEmpty());
  }

  @Test
  void aHopAcrossAPeeringNeedsTheRouteOnBothSides() {
    World w = twoTiers();
    w.subnets.add(new Subnet(S, "subnet-b", "vpc-2", "10.1.1.0/24", "us-east-1a", false, Map.of()));
    w.enis.add(new NetworkInterface(S, "eni-peer", "vpc-2", "subnet-b", List.of("sg-peer"), "", "interface", "", false, "", "", Map.of(), List.of()));
    w.table("rtb-a", false, List.of("subnet-a"), new Route("10.1.0.0/16", "pcx-1"));
    w.tables.add(new RouteTable(S, "rtb-b", "vpc-2", false, List.of("subnet-b"), List.of(new Route("10.1.0.0/16", "local"), new Route("10.0.0.0/16", "pcx-1"))));
    w.acl("acl-1", true, List.of("subnet-a"), in(100, "-1", true, "0.0.0.0/0", 0, 65535), out(100, "-1", true, "0.0.0.0/0", 0, 65535));
    w.acls.add(new NetworkAcl(S, "acl-2", "vpc-2", true, List.of("subnet-b"), List.of(in(100, "-1", true, "0.0.0.0/0", 0, 65535),
        out(100, "-1", true, "0.0.0.0/0", 0, 65535))));
    w.peerings.add(new VpcPeering(S, "pcx-1", "active", new VpcPeering.Side("vpc-1", "123456789012", "us-east-1", List.of("10.0.0.0/16")),
        new VpcPeering.Side("vpc-2", "123456789012", "us-east-1", List.of("10.1.0.0/16"))));
    NetworkPath.Hop h = w.path().hop(S, "sg-app", "sg-peer", List.of(), PG).orElseThrow();
    assertEquals(NetworkPath.Outcome.OPEN, h.outcome(), h.toString());
    assertTrue(h.elements().startsWith("pcx-1 → acl-1 (default) #100 allow out"), h.elements());
    // A more specific route elsewhere wins over the peering (longest prefix match).
    w.tables.set(w.tables.size() - 1, new RouteTable(S, "rtb-b", "vpc-2", false, List.of("subnet-b"),
        List.of(new Route("10.0.0.0/16", "pcx-1"), new Route("10.0.1.0/24", "tgw-1"))));
    assertEquals("route table rtb-b sends 10.0.1.0/24 to tgw-1, not to pcx-1 (for 10.0.1.0/24)",
        w.path().hop(S, "sg-app", "sg-peer", List.of(), PG).orElseThrow().blockedBy().orElseThrow().reason());
    w.tables.set(w.tables.size() - 1, new RouteTable(S, "rtb-b", "vpc-2", false, List.of("subnet-b"), List.of(new Route("10.1.0.0/16", "local"))));
    assertEquals("route table rtb-b has no route to pcx-1",
        w.path().hop(S, "sg-app", "sg-peer", List.of(), PG).orElseThrow().blockedBy().orElseThrow().reason());
    // No peering at all: blocked, unless a route sends the peer's range to a transit gateway (not modelled: unknown).
    w.peerings.clear();
    assertEquals("no active peering connection between vpc-1 and vpc-2",
        w.path().hop(S, "sg-app", "sg-peer", List.of(), PG).orElseThrow().blockedBy().orElseThrow().reason());
    w.tables.set(w.tables.size() - 2, new RouteTable(S, "rtb-a", "vpc-1", false, List.of("subnet-a"), List.of(new Route("10.0.0.0/8", "tgw-1"))));
    NetworkPath.Hop viaTgw = w.path().hop(S, "sg-app", "sg-peer", List.of(), PG).orElseThrow();
    assertEquals(NetworkPath.Outcome.UNKNOWN, viaTgw.outcome());
    assertEquals("route table rtb-a sends 10.0.0.0/8 to tgw-1: only VPC peering is modelled between VPCs", viaTgw.unknownReason());
  }
}
