package dev.postern.collect;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A piece of collection in one scope, whose calls run one after another in one thread (a call
 * that needs another's answer stays in its unit). Units of a scope run in parallel; their order
 * here is the order of their answers in the result, whatever order they finish in.
 */
record FetchUnit(String service, String name, BiConsumer<ScopeClients, Fetched> fetch) {
  static final List<FetchUnit> ALL = List.of(
      // The slowest first, so that the fan-out does not end waiting for it.
      new FetchUnit("ec2", "security-groups", (c, out) -> Ec2Fetcher.securityGroups(c.ec2(), out)),
      new FetchUnit("ec2", "network-interfaces", (c, out) -> Ec2Fetcher.networkInterfaces(c.ec2(), out)),
      new FetchUnit("ec2", "instances", (c, out) -> Ec2Fetcher.instances(c.ec2(), out)),
      new FetchUnit("ec2", "vpcs", (c, out) -> Ec2Fetcher.vpcs(c.ec2(), out)),
      new FetchUnit("ec2", "subnets", (c, out) -> Ec2Fetcher.subnets(c.ec2(), out)),
      new FetchUnit("ec2", "route-tables", (c, out) -> Ec2Fetcher.routeTables(c.ec2(), out)),
      new FetchUnit("ec2", "network-path", (c, out) -> Ec2Fetcher.networkPath(c.ec2(), out)),
      new FetchUnit("rds", "db-instances", (c, out) -> RdsFetcher.dbInstances(c.rds(), out)),
      new FetchUnit("rds", "db-clusters", (c, out) -> RdsFetcher.dbClusters(c.rds(), out)),
      new FetchUnit("elasticache", "cache-clusters", (c, out) -> ElastiCacheFetcher.cacheClusters(c.elastiCache(), out)),
      new FetchUnit("elasticache", "replication-groups", (c, out) -> ElastiCacheFetcher.replicationGroups(c.elastiCache(), out)),
      new FetchUnit("elasticbeanstalk", "environments", (c, out) -> BeanstalkFetcher.environments(c.beanstalk(), out)),
      new FetchUnit("elasticloadbalancingv2", "load-balancers", (c, out) -> LoadBalancerFetcher.loadBalancers(c.elbv2(), out)));
}
