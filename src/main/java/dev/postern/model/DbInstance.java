package dev.postern.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public record DbInstance(
    Scope scope,
    String id,
    String arn,
    String engine,
    String engineVersion,
    int port,
    String endpoint,
    List<String> groupIds,
    /** Empty when the record does not say (a truncated or hand-trimmed capture): unknown, not false. */
    Optional<Boolean> storageEncrypted,
    boolean publiclyAccessible,
    String subnetGroup,
    List<String> subnetIds,
    String parameterGroup,
    String clusterId,
    /** AWS fields as read, by their AWS name (absent when the record does not have them); see {@link DataStore#fields}. */
    Map<String, String> fields)
    implements DataStore {
  public DbInstance {
    fields = Map.copyOf(fields);
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
