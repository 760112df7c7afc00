package dev.postern.model;

import java.util.Map;

public record Subnet(
    Scope scope, String id, String vpcId, String cidr, String availabilityZone,
    boolean mapPublicIpOnLaunch, Map<String, String> tags) {
  public Subnet {
    tags = Map.copyOf(tags);
  }
}
