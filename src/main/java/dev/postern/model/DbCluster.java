package dev.postern.model;

import java.util.List;

public record DbCluster(
    Scope scope,
    String id,
    String arn,
    String engine,
    String engineVersion,
    int port,
    List<String> endpoints,
    List<String> groupIds,
    boolean storageEncrypted,
    boolean publiclyAccessible,
    String subnetGroup,
    String parameterGroup,
    List<String> memberInstanceIds)
    implements DataStore {
  public DbCluster {
    endpoints = List.copyOf(endpoints);
    groupIds = List.copyOf(groupIds);
    memberInstanceIds = List.copyOf(memberInstanceIds);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("rds-cluster", id, arn, id, scope);
  }

  @Override
  public String service() {
    return "rds";
  }
}
