package dev.postern.collect;

import dev.postern.model.InputText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The values of an AWS CLI answer that postern reads, checked once it is read (by either reader):
 * the main list present (not null), no null element in a list postern reads, the ids postern keys
 * on present, and every permission's protocol, ports and CIDRs as {@link ValueChecks} states them.
 * Fields postern never reads are not checked: a capture with odd values there is still a good one.
 */
final class CaptureChecks {
  private CaptureChecks() {}

  /** What is wrong, and where in the document. */
  record Problem(List<Object> path, String expected, String found) {
    /** @param shown the value as the file shows it */
    String message(String shown) {
      return InputText.path(path) + ": expected " + expected + ", found " + shown;
    }
  }

  /**
   * Lists postern reads, by member names from the document's top (indices left out), per kind. A
   * null element in one of these has no meaning; elsewhere it is left alone, never being read.
   */
  private static final Map<CliKind, Set<String>> READ_LISTS = Map.ofEntries(
      Map.entry(CliKind.SECURITY_GROUPS, permissionLists("SecurityGroups", "SecurityGroups.Tags")),
      Map.entry(CliKind.NETWORK_INTERFACES, Set.of("NetworkInterfaces", "NetworkInterfaces.Groups", "NetworkInterfaces.TagSet",
          "NetworkInterfaces.PrivateIpAddresses")),
      Map.entry(CliKind.INSTANCES, Set.of("Reservations", "Reservations.Instances", "Reservations.Instances.SecurityGroups",
          "Reservations.Instances.NetworkInterfaces", "Reservations.Instances.NetworkInterfaces.Groups", "Reservations.Instances.Tags")),
      Map.entry(CliKind.VPCS, Set.of("Vpcs", "Vpcs.CidrBlockAssociationSet", "Vpcs.Ipv6CidrBlockAssociationSet", "Vpcs.Tags")),
      Map.entry(CliKind.SUBNETS, Set.of("Subnets", "Subnets.Tags")),
      Map.entry(CliKind.ROUTE_TABLES, Set.of("RouteTables", "RouteTables.Associations", "RouteTables.Routes")),
      Map.entry(CliKind.PREFIX_LISTS, Set.of("PrefixLists")),
      Map.entry(CliKind.PREFIX_LIST_ENTRIES, Set.of("Entries")),
      Map.entry(CliKind.DB_INSTANCES, Set.of("DBInstances", "DBInstances.VpcSecurityGroups", "DBInstances.DBSubnetGroup.Subnets",
          "DBInstances.DBParameterGroups")),
      Map.entry(CliKind.DB_CLUSTERS, Set.of("DBClusters", "DBClusters.VpcSecurityGroups", "DBClusters.DBClusterMembers")),
      Map.entry(CliKind.DB_PARAMETERS, Set.of("Parameters")),
      Map.entry(CliKind.CACHE_CLUSTERS, Set.of("CacheClusters", "CacheClusters.CacheNodes", "CacheClusters.SecurityGroups")),
      Map.entry(CliKind.REPLICATION_GROUPS, Set.of("ReplicationGroups", "ReplicationGroups.NodeGroups",
          "ReplicationGroups.NodeGroups.NodeGroupMembers", "ReplicationGroups.MemberClusters", "ReplicationGroups.UserGroupIds")),
      Map.entry(CliKind.EB_ENVIRONMENTS, Set.of("Environments")),
      Map.entry(CliKind.EB_RESOURCES, Set.of("EnvironmentResources.Instances", "EnvironmentResources.LoadBalancers",
          "EnvironmentResources.AutoScalingGroups")),
      Map.entry(CliKind.EB_SETTINGS, Set.of("ConfigurationSettings", "ConfigurationSettings.OptionSettings")),
      Map.entry(CliKind.LOAD_BALANCERS, Set.of("LoadBalancers", "LoadBalancers.SecurityGroups", "LoadBalancers.AvailabilityZones")),
      Map.entry(CliKind.LISTENERS, Set.of("Listeners", "Listeners.DefaultActions")),
      Map.entry(CliKind.NETWORK_ACLS, Set.of("NetworkAcls", "NetworkAcls.Associations", "NetworkAcls.Entries")),
      Map.entry(CliKind.INTERNET_GATEWAYS, Set.of("InternetGateways", "InternetGateways.Attachments")),
      Map.entry(CliKind.EGRESS_ONLY_INTERNET_GATEWAYS, Set.of("EgressOnlyInternetGateways", "EgressOnlyInternetGateways.Attachments")),
      Map.entry(CliKind.NAT_GATEWAYS, Set.of("NatGateways", "NatGateways.NatGatewayAddresses")),
      Map.entry(CliKind.ADDRESSES, Set.of("Addresses")),
      Map.entry(CliKind.VPC_PEERING_CONNECTIONS, Set.of("VpcPeeringConnections")),
      Map.entry(CliKind.TARGET_GROUPS, Set.of("TargetGroups", "TargetGroups.LoadBalancerArns")),
      Map.entry(CliKind.TARGET_HEALTH, Set.of("TargetHealthDescriptions")));

  /** Ids a resource is keyed on: without one it cannot be told apart or referred to. */
  private static final Map<String, String> REQUIRED = Map.of(
      "SecurityGroups.GroupId", "a security group id",
      "SecurityGroups.IpPermissions.UserIdGroupPairs.GroupId", "a security group id",
      "SecurityGroups.IpPermissionsEgress.UserIdGroupPairs.GroupId", "a security group id",
      "SecurityGroups.IpPermissions.PrefixListIds.PrefixListId", "a prefix list id",
      "SecurityGroups.IpPermissionsEgress.PrefixListIds.PrefixListId", "a prefix list id",
      "LoadBalancers.LoadBalancerArn", "a load balancer ARN",
      "TargetGroups.TargetGroupArn", "a target group ARN",
      "NetworkAcls.NetworkAclId", "a network ACL id",
      "InternetGateways.InternetGatewayId", "an internet gateway id");

  private static Set<String> permissionLists(String... more) {
    Set<String> out = new HashSet<>(List.of(more));
    for (String direction : List.of("IpPermissions", "IpPermissionsEgress")) {
      String p = "SecurityGroups." + direction;
      out.add(p);
      for (String list : List.of("IpRanges", "Ipv6Ranges", "UserIdGroupPairs", "PrefixListIds")) out.add(p + "." + list);
    }
    return Set.copyOf(out);
  }

  /** Shapes (dotted member paths) under which something is checked: the walk goes no further. */
  private static final Set<String> CHECKED_PREFIXES = prefixes();

  private static Set<String> prefixes() {
    Set<String> out = new HashSet<>();
    List<String> all = new ArrayList<>(REQUIRED.keySet());
    READ_LISTS.values().forEach(all::addAll);
    for (String s : all) {
      for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) out.add(s.substring(0, i));
      out.add(s);
    }
    return Set.copyOf(out);
  }

  /** The first problem of an answer read from an AWS CLI file of {@code kind} (its main key present), in a fixed order. */
  static Optional<Problem> check(CliKind kind, SdkPojo response) {
    return check(kind, response, true);
  }

  /** As above; {@code mainKeyPresent} when the main list's key is known to be in the document, so that null is told from absent. */
  static Optional<Problem> check(CliKind kind, SdkPojo response, boolean mainKeyPresent) {
    for (SdkField<?> f : mainKeyPresent ? response.sdkFields() : List.<SdkField<?>>of()) {
      if (f.memberName().equals(kind.key) && f.getValueOrDefault(response) instanceof SdkAutoConstructList<?>
          && f.marshallingType() == MarshallingType.LIST) {
        // kindOf found the key, so the list was written as null: not the empty list the CLI prints.
        return Optional.of(new Problem(List.of(kind.key), "a list", "null"));
      }
    }
    Optional<Problem> p = walk(response, "", new ArrayList<>(), READ_LISTS.getOrDefault(kind, Set.of()));
    if (p.isPresent() || kind != CliKind.SECURITY_GROUPS) return p;
    return permissions((DescribeSecurityGroupsResponse) response);
  }

  /** A field checked somewhere below a shape, with its dotted member path. */
  private record Checked(SdkField<?> field, String sub) {}

  private record Shape(Class<?> type, String shape) {}

  /**
   * The fields of a class, at a shape, that anything is checked under: most fields of most
   * objects are not, and a large file has tens of thousands of objects, so this is worked out
   * once per class and shape rather than per object.
   */
  private static final java.util.concurrent.ConcurrentHashMap<Shape, List<Checked>> CHECKED = new java.util.concurrent.ConcurrentHashMap<>();

  private static List<Checked> checkedFields(SdkPojo obj, String shape) {
    return CHECKED.computeIfAbsent(new Shape(obj.getClass(), shape), k -> {
      List<Checked> out = new ArrayList<>();
      for (SdkField<?> f : obj.sdkFields()) {
        String sub = shape.isEmpty() ? f.memberName() : shape + "." + f.memberName();
        if (CHECKED_PREFIXES.contains(sub)) out.add(new Checked(f, sub));
      }
      return List.copyOf(out);
    });
  }

  private static Optional<Problem> walk(SdkPojo obj, String shape, List<Object> path, Set<String> readLists) {
    for (Checked c : checkedFields(obj, shape)) {
      SdkField<?> f = c.field();
      String sub = c.sub();
      Object v = f.getValueOrDefault(obj);
      String required = REQUIRED.get(sub);
      if (v == null) {
        if (required != null) return Optional.of(new Problem(with(path, f.memberName()), required, null));
        continue;
      }
      if (v instanceof List<?> list && readLists.contains(sub)) {
        for (int i = 0; i < list.size(); i++) {
          Object e = list.get(i);
          if (e == null) return Optional.of(new Problem(with(with(path, f.memberName()), i), "a list element", "null"));
          if (e instanceof SdkPojo pojo && !checkedFields(pojo, sub).isEmpty()) {
            Optional<Problem> p = walk(pojo, sub, with(with(path, f.memberName()), i), readLists);
            if (p.isPresent()) return p;
          }
        }
      } else if (v instanceof SdkPojo pojo) {
        Optional<Problem> p = walk(pojo, sub, with(path, f.memberName()), readLists);
        if (p.isPresent()) return p;
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> permissions(DescribeSecurityGroupsResponse r) {
    List<SecurityGroup> groups = r.securityGroups();
    for (int g = 0; g < groups.size(); g++) {
      SecurityGroup sg = groups.get(g);
      for (String direction : List.of("IpPermissions", "IpPermissionsEgress")) {
        List<IpPermission> perms = direction.equals("IpPermissions") ? sg.ipPermissions() : sg.ipPermissionsEgress();
        for (int i = 0; i < perms.size(); i++) {
          List<Object> at = List.of("SecurityGroups", g, direction, i);
          Optional<Problem> p = permission(perms.get(i), at);
          if (p.isPresent()) return p;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> permission(IpPermission p, List<Object> at) {
    String protocol = ValueChecks.protocol(p.ipProtocol());
    if (protocol != null) return Optional.of(new Problem(with(at, "IpProtocol"), protocol, InputText.quoted(p.ipProtocol())));
    String[] ports = ValueChecks.ports(p.ipProtocol(), p.fromPort() != null, p.fromPort() == null ? 0 : p.fromPort(),
        p.toPort() != null, p.toPort() == null ? 0 : p.toPort());
    if (ports != null) {
      Integer value = ports[0].equals("FromPort") ? p.fromPort() : p.toPort();
      return Optional.of(new Problem(with(at, ports[0]), ports[1], String.valueOf(value)));
    }
    for (int k = 0; k < p.ipRanges().size(); k++) {
      String cidr = p.ipRanges().get(k).cidrIp();
      String wrong = ValueChecks.cidrV4(cidr);
      if (wrong != null) return Optional.of(new Problem(with(with(with(at, "IpRanges"), k), "CidrIp"), wrong, InputText.quoted(cidr)));
    }
    for (int k = 0; k < p.ipv6Ranges().size(); k++) {
      String cidr = p.ipv6Ranges().get(k).cidrIpv6();
      String wrong = ValueChecks.cidrV6(cidr);
      if (wrong != null) {
        return Optional.of(new Problem(with(with(with(at, "Ipv6Ranges"), k), "CidrIpv6"), wrong, InputText.quoted(cidr)));
      }
    }
    return Optional.empty();
  }

  private static List<Object> with(List<Object> path, Object part) {
    List<Object> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(part);
    return out;
  }
}
