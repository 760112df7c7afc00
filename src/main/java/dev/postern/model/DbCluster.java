package dev.postern.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public record DbCluster(
    Scope scope,
    String id,
    String arn,
    String engine,
    String engineVersion,
    int port,
    List<String> endpoints,
    List<String> groupIds,
    /** Empty when the record does not say (a truncated or hand-trimmed capture): unknown, not false. */
    Optional<Boolean> storageEncrypted,
    boolean publiclyAccessible,
    String subnetGroup,
    String parameterGroup,
    List<String> memberInstanceIds,
    Map<String, String> fields)
    implements DataStore {
  public DbCluster {
    fields = Map.copyOf(fields);
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
