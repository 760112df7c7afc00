package dev.postern.collect;

import java.util.List;

/**
 * The least-privilege IAM policy of a live scan: exactly the read-only actions {@code collect}
 * calls (a test keeps this list equal to the SDK calls in this package's bytecode).
 */
public final class IamPolicy {
  /** What postern calls in an audited account, as IAM names it, sorted. */
  public static final List<String> ACTIONS = List.of(
      "ec2:DescribeAddresses",
      "ec2:DescribeEgressOnlyInternetGateways",
      "ec2:DescribeInstances",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeManagedPrefixLists",
      "ec2:DescribeNatGateways",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeRegions",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcPeeringConnections",
      "ec2:DescribeVpcs",
      "ec2:GetManagedPrefixListEntries",
      "elasticache:DescribeCacheClusters",
      "elasticache:DescribeReplicationGroups",
      "elasticbeanstalk:DescribeConfigurationSettings",
      "elasticbeanstalk:DescribeEnvironmentResources",
      "elasticbeanstalk:DescribeEnvironments",
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
      "rds:DescribeDBClusterParameters",
      "rds:DescribeDBClusters",
      "rds:DescribeDBInstances",
      "rds:DescribeDBParameters",
      "sts:GetCallerIdentity");

  /**
   * What Elastic Beanstalk itself reads with the caller's permissions when postern calls
   * DescribeEnvironmentResources and DescribeConfigurationSettings: an environment's resources are
   * those of its CloudFormation stack, its Auto Scaling group, launch configuration or template,
   * load balancer and (worker tier) queue. Without them those calls answer AccessDenied or
   * InsufficientPrivileges although the elasticbeanstalk actions are allowed. Source: AWS Elastic
   * Beanstalk Developer Guide, "Elastic Beanstalk user policy" (Beanstalk "requires permissions not
   * only for its own API actions, but also for several other services") and the read actions of the
   * managed policy AWSElasticBeanstalkReadOnly (AWS Managed Policy Reference Guide), narrowed to
   * the resource types those two calls return.
   */
  public static final List<String> BEANSTALK_READS_ON_BEHALF = List.of(
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "cloudformation:DescribeStackResource",
      "cloudformation:DescribeStackResources",
      "cloudformation:DescribeStacks",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:DescribeLaunchTemplates",
      "elasticloadbalancing:DescribeTargetGroups",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl");

  /** Called by the caller's identity, on each --role-arn, when auditing other accounts. */
  public static final String ASSUME_ROLE = "sts:AssumeRole";

  private IamPolicy() {}

  /** The policy document for the audited identity, plus the caller's AssumeRole statement when roles are given. */
  public static String document(List<String> roleArns) {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    b.append("    {\n      \"Sid\": \"PosternReadOnlyAudit\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n");
    for (int i = 0; i < ACTIONS.size(); i++) {
      b.append("        \"").append(ACTIONS.get(i)).append('"').append(i + 1 < ACTIONS.size() ? ",\n" : "\n");
    }
    b.append("      ],\n      \"Resource\": \"*\"\n    },\n");
    b.append("    {\n      \"Sid\": \"PosternBeanstalkReadsOnYourBehalf\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n");
    for (int i = 0; i < BEANSTALK_READS_ON_BEHALF.size(); i++) {
      b.append("        \"").append(BEANSTALK_READS_ON_BEHALF.get(i)).append('"')
          .append(i + 1 < BEANSTALK_READS_ON_BEHALF.size() ? ",\n" : "\n");
    }
    b.append("      ],\n      \"Resource\": \"*\"\n    }");
    if (!roleArns.isEmpty()) {
      b.append(",\n    {\n      \"Sid\": \"PosternAssumeAuditRoles\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"")
          .append(ASSUME_ROLE).append("\",\n      \"Resource\": [\n");
      List<String> arns = roleArns.stream().distinct().sorted().toList();
      for (int i = 0; i < arns.size(); i++) {
        b.append("        \"").append(arns.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"').append(i + 1 < arns.size() ? ",\n" : "\n");
      }
      b.append("      ]\n    }");
    }
    b.append("\n  ]\n}\n");
    return b.toString();
  }
}
