package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

class LiveCollectorTest {
  static byte[] snapshot(Collection c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotIo.write(c, out);
    return out.toByteArray();
  }

  @Test
  void everyRegionEveryKindAndTheSameBytesWhateverTheParallelism() throws IOException {
    FakeAws aws = new FakeAws();
    Collection serial = new LiveCollector(aws, 1, LiveCollector.Progress.NONE)
        .collect(List.of("us-east-1", "eu-west-1", "us-east-1"), false, List.of());
    Collection parallel = new LiveCollector(aws, 16, LiveCollector.Progress.NONE)
        .collect(List.of("eu-west-1", "us-east-1"), false, List.of());

    assertEquals(List.of(new Scope(FakeAws.ACCOUNT, "eu-west-1"), new Scope(FakeAws.ACCOUNT, "us-east-1")),
        serial.scopes().stream().map(ScopeCapture::scope).toList());
    assertTrue(serial.errors().isEmpty(), serial.errors().toString());
    EnumSet<ResourceKind> all = EnumSet.allOf(ResourceKind.class);
    all.remove(ResourceKind.DB_PARAMETERS); // derived by the assembler from the groups in use
    for (ScopeCapture sc : serial.scopes()) assertTrue(sc.collected().containsAll(all), sc.collected().toString());
    assertArrayEquals(snapshot(serial), snapshot(parallel));
  }

  @Test
  void noCallPerResourceWhereAListCallExists() {
    FakeAws aws = new FakeAws();
    LiveCollector collector = new LiveCollector(aws, 4, LiveCollector.Progress.NONE);
    collector.collect(List.of("us-east-1"), false, List.of());
    // 1 STS + 2 pages of groups + 5 other EC2 lists + 6 of the network path + 2 RDS + 2 ElastiCache + 1 Beanstalk + 2 ELB
    // (load balancers, target groups: none, so no call per balancer or group).
    assertEquals(21, collector.calls());
    assertEquals(21, aws.calls.size(), aws.calls.toString());
  }

  @Test
  void eachRoleIsAnAccountAndAnAccountIsAuditedOnce() {
    FakeAws aws = new FakeAws();
    String a = "arn:aws:iam::444455556666:role/audit";
    String b = "arn:aws:iam::777788889999:role/audit";
    Collection c = new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of("us-east-1"), false, List.of(a, b, a));
    assertEquals(List.of("444455556666", "777788889999"), c.scopes().stream().map(s -> s.scope().account()).toList());
  }

  @Test
  void allRegionsAreTheOnesEc2SaysAreEnabled() {
    FakeAws aws = new FakeAws();
    aws.defaultRegion = Optional.of("us-east-1");
    Collection c = new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of(), true, List.of());
    assertEquals(List.of("eu-west-1", "us-east-1"), c.scopes().stream().map(s -> s.scope().region()).toList());
    assertTrue(aws.calls.contains("us-east-1 DescribeRegions"));
  }

  @Test
  void theRegionOfTheEnvironmentOrProfileIsAuditedWhenNoneIsGiven() {
    FakeAws aws = new FakeAws();
    aws.defaultRegion = Optional.of("eu-west-1");
    Collection c = new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of(), false, List.of());
    assertEquals(List.of("eu-west-1"), c.scopes().stream().map(s -> s.scope().region()).toList(), "audited, not dropped");
    assertTrue(c.scopes().get(0).collected().contains(ResourceKind.SECURITY_GROUPS));
    assertTrue(aws.calls.contains("eu-west-1 GetCallerIdentity "), aws.calls.toString());
  }

  @Test
  void aRegionNameNobodyKnowsIsRefusedWithASuggestion() {
    FakeAws aws = new FakeAws();
    BadInputException e = assertThrows(BadInputException.class,
        () -> new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of("eu-west-1", "us-east-9"), false, List.of()));
    assertEquals("--region us-east-9: no such AWS region (did you mean us-east-1?); see 'aws ec2 describe-regions --all-regions'",
        e.oneLine());
    assertTrue(aws.calls.stream().allMatch(c -> c.contains("DescribeRegions")), "nothing but the region list is asked: " + aws.calls);
  }

  @Test
  void aRegionNewerThanTheSdkIsAcceptedWhenTheAccountListsIt() {
    FakeAws aws = new FakeAws();
    aws.regions = List.of("us-east-1", "xx-future-1");
    Collection c = new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of("xx-future-1"), false, List.of());
    assertEquals(List.of("xx-future-1"), c.scopes().stream().map(s -> s.scope().region()).toList());
    assertTrue(aws.calls.contains("us-east-1 DescribeRegions"), aws.calls.toString());
  }

  @Test
  void whenWhoIsScanningCannotBeEstablishedTheScanStopsWithOneLine() {
    FakeAws aws = new FakeAws();
    aws.identityFailure = FakeAws.error("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
    BadInputException e = assertThrows(BadInputException.class,
        () -> new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of("us-east-1"), false, List.of()));
    assertEquals("AWS rejected the credentials of the caller: InvalidClientTokenId: The security token included in the request is"
        + " invalid; check the access key and secret (aws configure list)", e.oneLine());
    aws.identityFailure = FakeAws.error("AccessDenied", 403, "not authorized to perform sts:AssumeRole");
    BadInputException role = assertThrows(BadInputException.class, () -> new LiveCollector(aws, 4, LiveCollector.Progress.NONE)
        .collect(List.of("us-east-1"), false, List.of("arn:aws:iam::444455556666:role/audit")));
    assertEquals("cannot assume role arn:aws:iam::444455556666:role/audit: AccessDenied: not authorized to perform sts:AssumeRole",
        role.oneLine());
  }

  @Test
  void allRegionsWithNoRegionListedIsRefusedNotClean() {
    FakeAws aws = new FakeAws();
    aws.regions = List.of();
    BadInputException e = assertThrows(BadInputException.class,
        () -> new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of(), true, List.of()));
    assertEquals("--all-regions: cannot list the regions of account " + FakeAws.ACCOUNT
        + " (ec2:DescribeRegions: it lists none); give --region REGION instead", e.oneLine());
  }

  @Test
  void noRegionAnywhereIsAUsageError() {
    FakeAws aws = new FakeAws();
    BadInputException e = assertThrows(BadInputException.class,
        () -> new LiveCollector(aws, 4, LiveCollector.Progress.NONE).collect(List.of(), false, List.of()));
    assertTrue(e.getMessage().contains("--region"), e.getMessage());
    assertTrue(aws.calls.isEmpty(), "nothing is called before the region is known");
  }

  @Test
  void aThrottledServiceIsAnErrorAndTheRestGoesOn() {
    FakeAws aws = new FakeAws();
    aws.rds = region -> new RdsClient() {
      @Override
      public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest r) {
        throw FakeAws.error("Throttling", 400, "Rate exceeded");
      }

      @Override
      public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest r) {
        return DescribeDbClustersResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "rds";
      }

      @Override
      public void close() {}
    };
    List<int[]> progress = new ArrayList<>();
    Collection c = new LiveCollector(aws, 4, (done, total, errors) -> progress.add(new int[] {done, total, errors}))
        .collect(List.of("us-east-1"), false, List.of());
    assertEquals(List.of(new CollectionError("rds", "us-east-1", FakeAws.ACCOUNT, "DescribeDBInstances", "Throttling", "Rate exceeded")),
        c.errors());
    ScopeCapture sc = c.scopes().get(0);
    assertTrue(sc.collected().contains(ResourceKind.SECURITY_GROUPS));
    assertTrue(!sc.collected().contains(ResourceKind.DB_INSTANCES));
    int[] last = progress.get(progress.size() - 1);
    assertArrayEquals(new int[] {5, 5, 1}, last, "5 services × 1 region, 1 error");
  }
}
