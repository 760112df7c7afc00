package dev.postern.model;

import java.util.List;

/** A VPC peering connection; only an {@code active} one carries traffic. */
public record VpcPeering(Scope scope, String id, String status, Side requester, Side accepter) {
  /** One end: the VPC, its account and region, and the CIDR blocks it offers across the peering. */
  public record Side(String vpcId, String account, String region, List<String> cidrs) {
    public Side {
      cidrs = List.copyOf(cidrs);
    }
  }

  public boolean active() {
    return "active".equals(status);
  }

  /** True when the connection joins these two VPCs (either way round). */
  public boolean joins(String vpcA, String vpcB) {
    return requester.vpcId().equals(vpcA) && accepter.vpcId().equals(vpcB)
        || requester.vpcId().equals(vpcB) && accepter.vpcId().equals(vpcA);
  }
}
