package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain on a load balancer's target, from AWS CLI files: the listener → target group → target leg, open or blocked at its group. */
class ExplainLoadBalancerLegTest {
  static final String LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/front/50dc6c495c0c9188";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067";

  /** An ALB (sg-lb) in two public subnets forwarding tcp/443 to target group app (8080), whose one target i-app wears {@code appRule}'s group. */
  static Path capture(Path dir, String appSource, boolean withTargets) throws Exception {
    Path d = Files.createDirectories(dir.resolve("123456789012/us-east-1"));
    Files.writeString(d.resolve("describe-security-groups.json"), """
        {"SecurityGroups": [
          {"GroupId": "sg-lb", "GroupName": "front", "VpcId": "vpc-1", "OwnerId": "123456789012",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": "sg-app", "GroupName": "app", "VpcId": "vpc-1", "OwnerId": "123456789012",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "%s"}]}]}]}
        """.formatted(appSource));
    Files.writeString(d.resolve("describe-subnets.json"), """
        {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
                     {"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b"},
                     {"SubnetId": "subnet-app", "VpcId": "vpc-1", "CidrBlock": "10.0.8.0/24", "AvailabilityZone": "us-east-1a"}]}
        """);
    Files.writeString(d.resolve("describe-instances.json"), """
        {"Reservations": [{"Instances": [{"InstanceId": "i-app", "State": {"Name": "running"}, "VpcId": "vpc-1", "SubnetId": "subnet-app",
          "SecurityGroups": [{"GroupId": "sg-app"}]}]}]}
        """);
    Files.writeString(d.resolve("describe-network-interfaces.json"), """
        {"NetworkInterfaces": [
          {"NetworkInterfaceId": "eni-app", "VpcId": "vpc-1", "SubnetId": "subnet-app", "Groups": [{"GroupId": "sg-app"}],
           "InterfaceType": "interface", "PrivateIpAddress": "10.0.8.10", "Attachment": {"InstanceId": "i-app"}},
          {"NetworkInterfaceId": "eni-lb", "VpcId": "vpc-1", "SubnetId": "subnet-a", "Groups": [{"GroupId": "sg-lb"}],
           "InterfaceType": "interface", "RequesterId": "amazon-elb", "RequesterManaged": true, "Description": "ELB app/front/50dc6c495c0c9188"}]}
        """);
    Files.writeString(d.resolve("describe-load-balancers.json"), """
        {"LoadBalancers": [{"LoadBalancerArn": "%s", "LoadBalancerName": "front", "Type": "application", "Scheme": "internet-facing",
          "VpcId": "vpc-1", "SecurityGroups": ["sg-lb"], "AvailabilityZones": [{"SubnetId": "subnet-a"}, {"SubnetId": "subnet-b"}]}]}
        """.formatted(LB));
    Files.writeString(d.resolve("listeners-front.json"), """
        {"Listeners": [{"ListenerArn": "%s/l", "LoadBalancerArn": "%s", "Protocol": "HTTPS", "Port": 443,
          "DefaultActions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "%s", "Weight": 1}]}}]}]}
        """.formatted(LB, LB, TG));
    if (withTargets) {
      Files.writeString(d.resolve("describe-target-groups.json"), """
          {"TargetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "app", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1",
            "TargetType": "instance", "LoadBalancerArns": ["%s"]}]}
          """.formatted(TG, LB));
      Files.writeString(d.resolve("target-health-app.json"), """
          {"TargetHealthDescriptions": [{"Target": {"Id": "i-app"}, "TargetHealth": {"State": "healthy"}}]}
          """);
    }
    return dir;
  }

  @Test
  void theLegThroughTheBalancerIsNamedListenerTargetGroupGroupAndInterface(@TempDir Path tmp) throws Exception {
    Run r = Run.withEnv(Map.of("COLUMNS", "250"), "explain", "--from-aws-cli", capture(tmp, "sg-lb", true).toString(), "i-app");
    assertTrue(r.out().contains("Through internet-facing load balancers (listener → target group → target):\n"
        + "  Internet → elb front listener tcp/443 → tg app → sg-app tcp/8080 → eni-app  — open: sg-app admits tcp/8080 from the load balancer's group"),
        r.out());
  }

  @Test
  void aTargetWhoseGroupDoesNotAdmitTheBalancerIsBlockedAtThatGroup(@TempDir Path tmp) throws Exception {
    Run r = Run.withEnv(Map.of("COLUMNS", "250"), "explain", "--from-aws-cli", capture(tmp, "sg-other", true).toString(), "i-app");
    assertTrue(r.out().contains("Internet → elb front listener tcp/443 → tg app → sg-app tcp/8080 → eni-app  — blocked at the target's security"
        + " group: no security group of eni-app (sg-app) admits tcp/8080 from load balancer front's group (sg-lb) or its subnets"), r.out());
  }

  @Test
  void withoutTargetGroupsTheLegIsUnknownNeverAbsent(@TempDir Path tmp) throws Exception {
    Run r = Run.withEnv(Map.of("COLUMNS", "250"), "explain", "--from-aws-cli", capture(tmp, "sg-lb", false).toString(), "i-app");
    assertTrue(r.out().contains("  unknown: target groups of 123456789012/us-east-1 not collected (elbv2 describe-target-groups)"), r.out());
    assertFalse(r.out().contains("elb front listener"), r.out());
  }
}
