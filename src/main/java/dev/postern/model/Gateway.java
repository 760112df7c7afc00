package dev.postern.model;

import java.util.List;

/**
 * A VPC gateway a route may target: an internet gateway ({@code igw-}, admits inbound connections to
 * public addresses), an egress-only internet gateway ({@code eigw-}, IPv6 outbound only) or a NAT
 * gateway ({@code nat-}, outbound only). {@code vpcIds} are the VPCs it is attached to (a NAT
 * gateway's own VPC); {@code publicIps} a NAT gateway's addresses.
 */
public record Gateway(Scope scope, String id, Type type, List<String> vpcIds, String subnetId, String state, List<String> publicIps) {
  public enum Type {
    INTERNET, EGRESS_ONLY, NAT
  }

  public Gateway {
    vpcIds = List.copyOf(vpcIds);
    publicIps = List.copyOf(publicIps);
    subnetId = subnetId == null ? "" : subnetId;
    state = state == null ? "" : state;
  }
}
