package dev.postern.collect;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/** The clients of one account (role, or "" for the caller's own) and region, asked for on first use. */
record ScopeClients(ClientFactory factory, String role, String region) {
  Ec2Client ec2() {
    return factory.ec2(role, region);
  }

  RdsClient rds() {
    return factory.rds(role, region);
  }

  ElastiCacheClient elastiCache() {
    return factory.elastiCache(role, region);
  }

  ElasticBeanstalkClient beanstalk() {
    return factory.beanstalk(role, region);
  }

  ElasticLoadBalancingV2Client elbv2() {
    return factory.elbv2(role, region);
  }
}
