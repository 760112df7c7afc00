package dev.postern.rules.checks;

import dev.postern.graph.Source;
import dev.postern.model.Permission;
import dev.postern.model.SecurityGroup;

/** AWS CLI commands that would fix a finding. postern prints them; it never runs them. */
final class Fixes {
  private Fixes() {}

  static String revokeIngress(SecurityGroup g, Permission p, Source s) {
    return "aws ec2 revoke-security-group-ingress --region " + g.scope().region() + " --group-id " + g.id()
        + " --ip-permissions '" + ipPermission(p, s) + "'";
  }

  static String authorizeFromGroup(SecurityGroup target, String protocol, int from, int to, String sourceGroupId) {
    return "aws ec2 authorize-security-group-ingress --region " + target.scope().region() + " --group-id " + target.id()
        + " --ip-permissions '" + "{\"IpProtocol\":\"" + protocol + "\",\"FromPort\":" + from + ",\"ToPort\":" + to
        + ",\"UserIdGroupPairs\":[{\"GroupId\":\"" + sourceGroupId + "\"}]}'";
  }

  static String ipPermission(Permission p, Source s) {
    StringBuilder sb = new StringBuilder("{\"IpProtocol\":\"").append(p.protocol()).append('"');
    if (!p.allProtocols()) sb.append(",\"FromPort\":").append(p.fromPort()).append(",\"ToPort\":").append(p.toPort());
    String v = s.value();
    switch (s.kind()) {
      case GROUP -> sb.append(",\"UserIdGroupPairs\":[{\"GroupId\":\"").append(v).append("\"}]");
      case PREFIX_LIST -> sb.append(",\"PrefixListIds\":[{\"PrefixListId\":\"").append(v).append("\"}]");
      default -> {
        if (v.startsWith("pl-")) sb.append(",\"PrefixListIds\":[{\"PrefixListId\":\"").append(v).append("\"}]");
        else if (v.contains(":")) sb.append(",\"Ipv6Ranges\":[{\"CidrIpv6\":\"").append(v).append("\"}]");
        else sb.append(",\"IpRanges\":[{\"CidrIp\":\"").append(v).append("\"}]");
      }
    }
    return sb.append('}').toString();
  }
}
