package dev.postern.collect;

import dev.postern.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;

/** EC2: the network (VPCs, subnets, routes), security groups and what wears them. */
final class Ec2Fetcher {
  // The largest pages EC2 allows, for the fewest calls.
  private static final int PAGE = 1000;
  private static final int ROUTE_TABLE_PAGE = 100;
  private static final int EGRESS_ONLY_PAGE = 255;

  private Ec2Fetcher() {}

  /** Security groups, then the prefix lists their ingress rules name (only those). */
  static void securityGroups(Ec2Client ec2, Fetched out) {
    Optional<List<DescribeSecurityGroupsResponse>> pages = out.whole(CliKind.SECURITY_GROUPS,
        out.pages("DescribeSecurityGroups", "", () -> ec2.describeSecurityGroupsPaginator(r -> r.maxResults(PAGE))));
    if (pages.isEmpty()) return;
    Set<String> referenced = new TreeSet<>();
    pages.get().forEach(p -> p.securityGroups().forEach(g -> g.ipPermissions()
        .forEach(perm -> perm.prefixListIds().forEach(pl -> {
          if (pl.prefixListId() != null) referenced.add(pl.prefixListId());
        }))));
    if (referenced.isEmpty()) {
      out.collected.add(ResourceKind.PREFIX_LISTS);
      return;
    }
    // Names only make the report readable; the entries are what counts.
    out.pages("DescribeManagedPrefixLists", "",
            () -> ec2.describeManagedPrefixListsPaginator(r -> r.prefixListIds(referenced)))
        .ifPresent(p -> out.capture(CliKind.PREFIX_LISTS, "", p));
    boolean all = true;
    for (String id : referenced) {
      Optional<List<GetManagedPrefixListEntriesResponse>> entries = out.pages("GetManagedPrefixListEntries",
          "prefix list " + id, () -> ec2.getManagedPrefixListEntriesPaginator(r -> r.prefixListId(id)));
      entries.ifPresent(e -> out.capture(CliKind.PREFIX_LIST_ENTRIES, id, e));
      all &= entries.isPresent();
    }
    if (all) out.collected.add(ResourceKind.PREFIX_LISTS);
  }

  static void networkInterfaces(Ec2Client ec2, Fetched out) {
    out.whole(CliKind.NETWORK_INTERFACES, out.pages("DescribeNetworkInterfaces", "",
        () -> ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(PAGE))));
  }

  static void instances(Ec2Client ec2, Fetched out) {
    out.whole(CliKind.INSTANCES, out.pages("DescribeInstances", "",
        () -> ec2.describeInstancesPaginator(r -> r.maxResults(PAGE))));
  }

  static void vpcs(Ec2Client ec2, Fetched out) {
    out.whole(CliKind.VPCS, out.pages("DescribeVpcs", "", () -> ec2.describeVpcsPaginator(r -> r.maxResults(PAGE))));
  }

  static void subnets(Ec2Client ec2, Fetched out) {
    out.whole(CliKind.SUBNETS, out.pages("DescribeSubnets", "",
        () -> ec2.describeSubnetsPaginator(r -> r.maxResults(PAGE))));
  }

  static void routeTables(Ec2Client ec2, Fetched out) {
    out.whole(CliKind.ROUTE_TABLES, out.pages("DescribeRouteTables", "",
        () -> ec2.describeRouteTablesPaginator(r -> r.maxResults(ROUTE_TABLE_PAGE))));
  }

  /**
   * The network path: network ACLs, gateways, elastic IPs and peering connections, one after
   * another (small lists, one page each in nearly every account). Each kind is collected or not
   * on its own: a denied call leaves only its layer UNKNOWN.
   */
  static void networkPath(Ec2Client ec2, Fetched out) {
    out.whole(CliKind.NETWORK_ACLS, out.pages("DescribeNetworkAcls", "",
        () -> ec2.describeNetworkAclsPaginator(r -> r.maxResults(PAGE))));
    out.whole(CliKind.INTERNET_GATEWAYS, out.pages("DescribeInternetGateways", "",
        () -> ec2.describeInternetGatewaysPaginator(r -> r.maxResults(PAGE))));
    out.whole(CliKind.EGRESS_ONLY_INTERNET_GATEWAYS, out.pages("DescribeEgressOnlyInternetGateways", "",
        () -> ec2.describeEgressOnlyInternetGatewaysPaginator(r -> r.maxResults(EGRESS_ONLY_PAGE))));
    out.whole(CliKind.NAT_GATEWAYS, out.pages("DescribeNatGateways", "",
        () -> ec2.describeNatGatewaysPaginator(r -> r.maxResults(PAGE))));
    // DescribeAddresses has no paging: one answer lists every address.
    out.whole(CliKind.ADDRESSES, out.one("DescribeAddresses", "", () -> ec2.describeAddresses(r -> {})).map(List::of));
    out.whole(CliKind.VPC_PEERING_CONNECTIONS, out.pages("DescribeVpcPeeringConnections", "",
        () -> ec2.describeVpcPeeringConnectionsPaginator(r -> r.maxResults(PAGE))));
  }
}
