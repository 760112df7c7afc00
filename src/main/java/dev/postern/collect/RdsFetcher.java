package dev.postern.collect;

import dev.postern.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterParametersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbParametersResponse;

/**
 * RDS: instances and clusters, then the parameters of the custom parameter groups they use, each
 * group once. AWS's {@code default.*} groups are left out: their values are AWS's defaults.
 */
final class RdsFetcher {
  private static final int PAGE = 100;

  private RdsFetcher() {}

  static void dbInstances(RdsClient rds, Fetched out) {
    Optional<List<DescribeDbInstancesResponse>> pages = out.whole(CliKind.DB_INSTANCES,
        out.pages("DescribeDBInstances", "", () -> rds.describeDBInstancesPaginator(r -> r.maxRecords(PAGE))));
    if (pages.isEmpty()) return;
    Set<String> groups = new TreeSet<>();
    pages.get().forEach(p -> p.dbInstances().forEach(d -> d.dbParameterGroups()
        .forEach(g -> addCustom(groups, g.dbParameterGroupName()))));
    boolean all = true;
    for (String g : groups) {
      Optional<List<DescribeDbParametersResponse>> params = out.pages("DescribeDBParameters", "parameter group " + g,
          () -> rds.describeDBParametersPaginator(r -> r.dbParameterGroupName(g).maxRecords(PAGE)));
      params.ifPresent(p -> out.capture(CliKind.DB_PARAMETERS, g, p));
      all &= params.isPresent();
    }
    if (all) out.collected.add(ResourceKind.DB_PARAMETERS);
  }

  static void dbClusters(RdsClient rds, Fetched out) {
    Optional<List<DescribeDbClustersResponse>> pages = out.whole(CliKind.DB_CLUSTERS,
        out.pages("DescribeDBClusters", "", () -> rds.describeDBClustersPaginator(r -> r.maxRecords(PAGE))));
    if (pages.isEmpty()) return;
    Set<String> groups = new TreeSet<>();
    pages.get().forEach(p -> p.dbClusters().forEach(c -> addCustom(groups, c.dbClusterParameterGroup())));
    boolean all = true;
    for (String g : groups) {
      Optional<List<DescribeDbClusterParametersResponse>> params = out.pages("DescribeDBClusterParameters",
          "parameter group " + g,
          () -> rds.describeDBClusterParametersPaginator(r -> r.dbClusterParameterGroupName(g).maxRecords(PAGE)));
      // Same Parameter shape: kept as a DescribeDBParameters answer, the one kind the model reads.
      params.ifPresent(p -> out.capture(CliKind.DB_PARAMETERS, g, p.stream()
          .map(x -> DescribeDbParametersResponse.builder().parameters(x.parameters()).build()).toList()));
      all &= params.isPresent();
    }
    if (all) out.collected.add(ResourceKind.DB_PARAMETERS);
  }

  private static void addCustom(Set<String> groups, String name) {
    if (name != null && !name.isEmpty() && !name.startsWith("default.")) groups.add(name);
  }
}
