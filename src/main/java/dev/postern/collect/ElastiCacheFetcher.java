package dev.postern.collect;

import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** ElastiCache: clusters (with their nodes, for the endpoints) and replication groups. */
final class ElastiCacheFetcher {
  private static final int PAGE = 100;

  private ElastiCacheFetcher() {}

  static void cacheClusters(ElastiCacheClient ec, Fetched out) {
    out.whole(CliKind.CACHE_CLUSTERS, out.pages("DescribeCacheClusters", "",
        () -> ec.describeCacheClustersPaginator(r -> r.showCacheNodeInfo(true).maxRecords(PAGE))));
  }

  static void replicationGroups(ElastiCacheClient ec, Fetched out) {
    out.whole(CliKind.REPLICATION_GROUPS, out.pages("DescribeReplicationGroups", "",
        () -> ec.describeReplicationGroupsPaginator(r -> r.maxRecords(PAGE))));
  }
}
