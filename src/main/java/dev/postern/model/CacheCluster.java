package dev.postern.model;

import java.util.List;
import java.util.Map;

/** An ElastiCache cluster (a standalone one, or a member of a replication group). */
public record CacheCluster(
    Scope scope,
    String id,
    String arn,
    String engine,
    String engineVersion,
    int port,
    List<String> endpoints,
    List<String> groupIds,
    boolean atRestEncryption,
    boolean transitEncryption,
    boolean authTokenEnabled,
    String replicationGroupId,
    Map<String, String> fields)
    implements DataStore {
  public CacheCluster {
    fields = Map.copyOf(fields);
    endpoints = List.copyOf(endpoints);
    groupIds = List.copyOf(groupIds);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("elasticache-cluster", id, arn, id, scope);
  }

  @Override
  public String service() {
    return "elasticache";
  }

  public boolean inReplicationGroup() {
    return !replicationGroupId.isEmpty();
  }
}
