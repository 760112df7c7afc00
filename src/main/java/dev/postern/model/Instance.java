package dev.postern.model;

import java.util.List;
import java.util.Map;

public record Instance(
    Scope scope,
    String id,
    String state,
    String vpcId,
    String subnetId,
    String publicIp,
    List<String> groupIds,
    Map<String, String> tags) {
  public Instance {
    groupIds = List.copyOf(groupIds);
    tags = Map.copyOf(tags);
  }

  public String name() {
    return tags.getOrDefault("Name", "");
  }

  public String arn() {
    return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":instance/" + id;
  }
}
