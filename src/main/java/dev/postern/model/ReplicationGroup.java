package dev.postern.model;

import java.util.List;
import java.util.Map;

public record ReplicationGroup(
    Scope scope,
    String id,
    String arn,
    String engine,
    int port,
    List<String> endpoints,
    List<String> memberClusters,
    List<String> groupIds,
    boolean atRestEncryption,
    boolean transitEncryption,
    boolean authTokenEnabled,
    List<String> userGroupIds,
    Map<String, String> fields)
    implements DataStore {
  public ReplicationGroup {
    fields = Map.copyOf(fields);
    endpoints = List.copyOf(endpoints);
    memberClusters = List.copyOf(memberClusters);
    groupIds = List.copyOf(groupIds);
    userGroupIds = List.copyOf(userGroupIds);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("elasticache-replication-group", id, arn, id, scope);
  }

  @Override
  public String service() {
    return "elasticache";
  }

  /** Same group ids, e.g. resolved from member clusters or their network interfaces. */
  public ReplicationGroup withGroupIds(List<String> ids) {
    return new ReplicationGroup(scope, id, arn, engine, port, endpoints, memberClusters, ids,
        atRestEncryption, transitEncryption, authTokenEnabled, userGroupIds, fields);
  }

  /** Same, with more fields (e.g. what its member clusters say). */
  public ReplicationGroup withFields(Map<String, String> more) {
    Map<String, String> all = new java.util.TreeMap<>(fields);
    all.putAll(more);
    return new ReplicationGroup(scope, id, arn, engine, port, endpoints, memberClusters, groupIds,
        atRestEncryption, transitEncryption, authTokenEnabled, userGroupIds, all);
  }
}
