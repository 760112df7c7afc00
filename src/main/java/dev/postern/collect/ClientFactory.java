package dev.postern.collect;

import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients the live collector uses, one per service, account and region. {@code role} is
 * the ARN of the role assumed for an account, or "" for the caller's own credentials. Injected,
 * so that tests hand the collector fakes; closing it closes every client it made.
 */
public interface ClientFactory extends AutoCloseable {
  /** The region of the environment or profile, when no --region is given. */
  Optional<String> defaultRegion();

  /** Where {@link #defaultRegion} came from, for messages: "AWS_REGION", "profile audit"… */
  default String defaultRegionSource() {
    return "the environment or profile";
  }

  /**
   * One line saying why establishing who is scanning failed, and what fixes it; {@code role} is
   * the role being assumed, or "" for the caller's own credentials.
   */
  default String identityFailure(String role, Throwable t) {
    return IdentityFailure.explain(t, "the caller", "", role, "its regional endpoint",
        "the AWS config and credentials files", false);
  }

  Ec2Client ec2(String role, String region);

  RdsClient rds(String role, String region);

  ElastiCacheClient elastiCache(String role, String region);

  ElasticBeanstalkClient beanstalk(String role, String region);

  ElasticLoadBalancingV2Client elbv2(String role, String region);

  StsClient sts(String role, String region);

  @Override
  void close();
}
