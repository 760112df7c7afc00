package dev.postern.model;

import java.util.List;

public record DbInstance(
    Scope scope,
    String id,
    String arn,
    String engine,
    String engineVersion,
    int port,
    String endpoint,
    List<String> groupIds,
    boolean storageEncrypted,
    boolean publiclyAccessible,
    String subnetGroup,
    List<String> subnetIds,
    String parameterGroup,
    String clusterId)
    implements DataStore {
  public DbInstance {
    groupIds = List.copyOf(groupIds);
    subnetIds = List.copyOf(subnetIds);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("rds-instance", id, arn, id, scope);
  }

  @Override
  public List<String> endpoints() {
    return endpoint.isEmpty() ? List.of() : List.of(endpoint);
  }

  @Override
  public String service() {
    return "rds";
  }

  public boolean inCluster() {
    return !clusterId.isEmpty();
  }
}
