package dev.postern.model;

import java.util.List;

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
    List<String> userGroupIds)
    implements DataStore {
  public ReplicationGroup {
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
        atRestEncryption, transitEncryption, authTokenEnabled, userGroupIds);
  }
}
