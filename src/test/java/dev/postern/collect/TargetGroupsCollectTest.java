package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.model.Inventory;
import dev.postern.model.ListenerAction;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import dev.postern.model.TargetGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** Target groups and their registered targets: live (paged, one DescribeTargetHealth per group) and from AWS CLI files. */
class TargetGroupsCollectTest {
  static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/front/1";
  static final String APP = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/2";
  static final String IPS = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/ips/3";
  static final String DENIED = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/denied/4";

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup group(String arn, String name, int port,
      String type) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder().targetGroupArn(arn).targetGroupName(name)
        .protocol("HTTP").port(port).targetType(type).vpcId("vpc-1").loadBalancerArns(LB).build();
  }

  @Test
  void targetGroupsThenTheTargetsOfEachAFailedCallIsAnErrorAndTheOthersStay() {
    List<String> calls = new ArrayList<>();
    ElasticLoadBalancingV2Client elb = new ElasticLoadBalancingV2Client() {
      @Override
      public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest r) {
        return DescribeLoadBalancersResponse.builder().loadBalancers(LoadBalancer.builder().loadBalancerArn(LB).loadBalancerName("front")
            .type("network").scheme("internet-facing").build()).build();
      }

      @Override
      public DescribeListenersResponse describeListeners(DescribeListenersRequest r) {
        return DescribeListenersResponse.builder().listeners(Listener.builder().loadBalancerArn(LB).listenerArn(LB + "/l").protocol("TCP")
            .port(443).defaultActions(Action.builder().type("forward").forwardConfig(ForwardActionConfig.builder()
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(APP).build(), TargetGroupTuple.builder().targetGroupArn(IPS).build())
                .build()).build()).build()).build();
      }

      @Override
      public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest r) {
        calls.add("DescribeTargetGroups " + r.marker());
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> all = List.of(group(APP, "app", 8080, "instance"),
            group(IPS, "ips", 9000, "ip"), group(DENIED, "denied", 80, "instance"));
        Paging<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> p = Paging.of(all, r.marker(), 2);
        return DescribeTargetGroupsResponse.builder().targetGroups(p.items()).nextMarker(p.next()).build();
      }

      @Override
      public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest r) {
        calls.add("DescribeTargetHealth " + r.targetGroupArn());
        if (r.targetGroupArn().equals(DENIED)) {
          throw (ElasticLoadBalancingV2Exception) ElasticLoadBalancingV2Exception.builder().statusCode(403)
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not allowed").build()).build();
        }
        TargetDescription t = r.targetGroupArn().equals(APP) ? TargetDescription.builder().id("i-0app").build()
            : TargetDescription.builder().id("10.0.1.5").port(9443).build();
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(TargetHealthDescription.builder().target(t).build()).build();
      }

      @Override
      public String serviceName() {
        return "elasticloadbalancing";
      }

      @Override
      public void close() {}
    };
    Fetched out = FetchersTest.fetched("elasticloadbalancingv2");
    LoadBalancerFetcher.loadBalancers(elb, out);

    assertEquals(List.of("DescribeTargetGroups null", "DescribeTargetGroups 2", "DescribeTargetHealth " + APP, "DescribeTargetHealth " + IPS,
        "DescribeTargetHealth " + DENIED), calls);
    assertTrue(out.collected.contains(ResourceKind.TARGET_GROUPS));
    assertFalse(out.collected.contains(ResourceKind.TARGET_HEALTH), "one group's targets are missing");
    assertEquals(1, out.errors.size(), out.errors.toString());
    assertEquals("DescribeTargetHealth", out.errors.get(0).operation());
    assertTrue(out.errors.get(0).message().contains("target group denied"), out.errors.get(0).message());

    Inventory inv = FetchersTest.assemble(out);
    assertEquals(List.of(new ListenerAction("forward", "", List.of(APP, IPS))), inv.loadBalancers().get(0).listeners().get(0).defaultActions());
    TargetGroup app = byName(inv, "app");
    assertTrue(app.targetsKnown());
    assertEquals(List.of(new TargetGroup.Target("i-0app", 0)), app.targets());
    assertEquals(8080, app.portOf(app.targets().get(0)), "no port of its own: the group's");
    TargetGroup ips = byName(inv, "ips");
    assertEquals(9443, ips.portOf(ips.targets().get(0)));
    assertEquals(List.of(LB), ips.loadBalancerArns());
    TargetGroup denied = byName(inv, "denied");
    assertFalse(denied.targetsKnown(), "a failed call leaves the targets unknown, not none");
    assertTrue(denied.targets().isEmpty());
  }

  private static TargetGroup byName(Inventory inv, String name) {
    return inv.targetGroups().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static final String GROUPS = """
      {"TargetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "app", "Protocol": "HTTP", "Port": 8080,
        "VpcId": "vpc-1", "TargetType": "instance", "LoadBalancerArns": ["%s"]}]}
      """.formatted(APP, LB);
  private static final String HEALTH = """
      {"TargetHealthDescriptions": [{"Target": {"Id": "i-0app", "Port": 8081}, "TargetHealth": {"State": "healthy"}}]}
      """;

  @Test
  void fromAwsCliFilesTheTargetHealthFileIsNamedAfterItsGroup(@TempDir Path dir) throws Exception {
    Path region = Files.createDirectories(dir.resolve("111122223333/eu-west-1"));
    Files.writeString(region.resolve("describe-target-groups.json"), GROUPS);
    Files.writeString(region.resolve(AwsCliReader.TARGET_HEALTH_FILE_PREFIX + "app.json"), HEALTH);
    Inventory inv = InventoryAssembler.assemble(new AwsCliReader("us-east-1").read(dir));
    Scope scope = new Scope("111122223333", "eu-west-1");
    assertTrue(inv.isCollected(scope, ResourceKind.TARGET_GROUPS));
    assertTrue(inv.isCollected(scope, ResourceKind.TARGET_HEALTH));
    TargetGroup app = byName(inv, "app");
    assertTrue(app.targetsKnown());
    assertEquals(List.of(new TargetGroup.Target("i-0app", 8081)), app.targets());
    assertEquals("instance", app.targetType());
    assertEquals(List.of(LB), app.loadBalancerArns());
  }

  @Test
  void aSnapshotKeepsTheGroupsAndWhichGroupEachTargetListIsAbout(@TempDir Path dir) throws Exception {
    Path region = Files.createDirectories(dir.resolve("111122223333/eu-west-1"));
    Files.writeString(region.resolve("describe-target-groups.json"), GROUPS);
    Files.writeString(region.resolve(AwsCliReader.TARGET_HEALTH_FILE_PREFIX + "app.json"), HEALTH);
    Path snap = dir.resolve("snap.json");
    SnapshotIo.write(new AwsCliReader("us-east-1").read(dir), snap);
    Inventory inv = InventoryAssembler.assemble(SnapshotIo.read(snap));
    Scope scope = new Scope("111122223333", "eu-west-1");
    assertTrue(inv.isCollected(scope, ResourceKind.TARGET_HEALTH));
    assertEquals(List.of(new TargetGroup.Target("i-0app", 8081)), byName(inv, "app").targets());
  }

  @Test
  void anOlderCaptureWithoutThemReadsAsNotCollected(@TempDir Path dir) throws Exception {
    Path region = Files.createDirectories(dir.resolve("111122223333/eu-west-1"));
    Files.writeString(region.resolve("describe-target-groups.json"), GROUPS);
    Inventory inv = InventoryAssembler.assemble(new AwsCliReader("us-east-1").read(dir));
    Scope scope = new Scope("111122223333", "eu-west-1");
    assertTrue(inv.isCollected(scope, ResourceKind.TARGET_GROUPS));
    assertFalse(inv.isCollected(scope, ResourceKind.TARGET_HEALTH));
    assertFalse(byName(inv, "app").targetsKnown(), "targets not captured: unknown, never none");
    Inventory none = InventoryAssembler.assemble(AwsCliReader.fromDocuments(scope,
        List.of(new ObjectMapper().readTree("{\"SecurityGroups\": []}")), EnumSet.of(ResourceKind.SECURITY_GROUPS)));
    assertFalse(none.isCollected(scope, ResourceKind.TARGET_GROUPS));
    assertTrue(none.targetGroups().isEmpty());
  }
}
