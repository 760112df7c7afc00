package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.collect.FakeAws;
import dev.postern.collect.IamPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/** {@code postern scan} with no input flag: the live path, on a fake AWS (and once on a closed port). */
class LiveScanTest {
  static final Map<String, String> NO_ENV = Map.of("AWS_CONFIG_FILE", "/nonexistent/postern-test-config");

  @BeforeAll
  static void fakeCredentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  static FakeAws throttledRds() {
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
    return aws;
  }

  @Test
  void throttledAfterRetriesIsIncompleteWithTheErrorAndNoPassForWhatWasNotSeen() {
    FakeAws aws = throttledRds();
    CliRun r = CliRun.run(NO_ENV, false, s -> aws, "scan", "--region", "us-east-1", "-o", "json", "--show-pass",
        "--fail-on", "critical");
    assertEquals(ExitCode.INCOMPLETE.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson(); // stdout is the report and nothing else
    assertFalse(report.path("complete").asBoolean());
    assertEquals(1, report.path("errors").size(), report.path("errors").toString());
    JsonNode e = report.path("errors").get(0);
    assertEquals(List.of("rds", "us-east-1", FakeAws.ACCOUNT, "DescribeDBInstances", "Throttling", "Rate exceeded"),
        List.of(e.path("service").asText(), e.path("region").asText(), e.path("account").asText(), e.path("operation").asText(),
            e.path("code").asText(), e.path("message").asText()));
    for (JsonNode f : report.path("findings")) {
      assertEquals("security-group", f.path("resource").path("type").asText(), "only what was seen is judged: " + f);
    }
    assertTrue(CliRun.findings(report, "FAIL").contains("sg-admin-port-open-to-internet sg-useast12"), r.out());
    assertTrue(aws.closed, "clients closed at exit");
  }

  @Test
  void aFindingAtTheThresholdWinsOverIncomplete() {
    CliRun r = CliRun.run(NO_ENV, false, s -> throttledRds(), "scan", "--region", "us-east-1", "-o", "json");
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
  }

  @Test
  void progressOnlyOnATerminalAndNeverWithQuiet() {
    CliRun tty = CliRun.run(NO_ENV, true, s -> new FakeAws(), "scan", "--region", "us-east-1", "--region", "eu-west-1", "-o", "json");
    assertTrue(tty.err().contains("collecting: 10/10 service×region done"), tty.err());
    tty.stdoutJson();
    CliRun quiet = CliRun.run(NO_ENV, true, s -> new FakeAws(), "scan", "--region", "us-east-1", "-o", "json", "--quiet");
    assertEquals("", quiet.err());
    CliRun pipe = CliRun.run(NO_ENV, false, s -> new FakeAws(), "scan", "--region", "us-east-1", "-o", "json");
    assertEquals("", pipe.err());
  }

  @Test
  void noRegionAnywhereExitsTwoWithAOneLineHint() {
    FakeAws aws = new FakeAws();
    CliRun r = CliRun.run(NO_ENV, false, s -> aws, "scan");
    assertEquals(ExitCode.USAGE.code, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--region") && r.err().contains("--all-regions"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void liveFlagsWithAFileInputAreAUsageError() {
    CliRun r = CliRun.run(NO_ENV, false, s -> new FakeAws(), "scan", "--demo", "--endpoint-url", "http://127.0.0.1:1");
    assertEquals(ExitCode.USAGE.code, r.code(), r.toString());
    assertTrue(r.err().contains("--endpoint-url"), r.err());
    CliRun both = CliRun.run(NO_ENV, false, s -> new FakeAws(), "scan", "--region", "us-east-1", "--all-regions");
    assertEquals(ExitCode.USAGE.code, both.code(), both.toString());
    CliRun timeout = CliRun.run(NO_ENV, false, s -> new FakeAws(), "scan", "--region", "us-east-1", "--timeout", "soon");
    assertEquals(ExitCode.USAGE.code, timeout.code(), timeout.toString());
    for (List<String> fileInput : List.of(List.of("--demo"), List.of("--from-snapshot", "x.json"), List.of("--from-aws-cli", "."))) {
      for (List<String> flag : List.of(List.of("--timeout", "soon"), List.of("--timeout", "30s"), List.of("--parallelism", "0"),
          List.of("--parallelism", "4"), List.of("--profile", "audit"), List.of("--all-regions"), List.of("--external-id", "x"))) {
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(fileInput);
        args.addAll(flag);
        CliRun r2 = CliRun.run(NO_ENV, false, s -> new FakeAws(), args.toArray(String[]::new));
        assertEquals(ExitCode.USAGE.code, r2.code(), args + ": " + r2);
        assertEquals("error: " + flag.get(0) + ": applies to a live scan only (drop --demo, --from-aws-cli and --from-snapshot)",
            r2.err().strip(), args.toString());
      }
    }
    CliRun region = CliRun.run(NO_ENV, false, s -> new FakeAws(), "scan", "--demo", "--region", "us-east-1");
    assertEquals(ExitCode.USAGE.code, region.code(), region.toString());
    assertTrue(region.err().startsWith("error: --region: applies to a live scan only and --from-aws-cli"), region.err());
  }

  @Test
  void aSnapshotOfALiveScanReplaysToTheSameReport(@TempDir Path dir) {
    Path live = dir.resolve("live.json");
    Path replay = dir.resolve("replay.json");
    Path snapshot = dir.resolve("snap.json");
    CliRun first = CliRun.run(NO_ENV, false, s -> throttledRds(), "scan", "--region", "us-east-1", "--region", "eu-west-1",
        "-o", "json=" + live, "--save-snapshot", snapshot.toString());
    CliRun second = CliRun.run(NO_ENV, false, null, "scan", "--from-snapshot", snapshot.toString(), "-o", "json=" + replay);
    assertEquals(first.code(), second.code(), second.toString());
    assertEquals(CliRun.json(live), CliRun.json(replay));
    assertFalse(CliRun.json(replay).path("errors").isEmpty(), "errors are in the snapshot too");
  }

  @Test
  void aClosedPortIsAnErrorWithinTheTimeout() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    long start = System.nanoTime();
    CliRun r = CliRun.run(NO_ENV, false, null, "scan", "--endpoint-url", "http://127.0.0.1:" + port, "--region", "us-east-1",
        "--timeout", "2s", "-o", "json", "--show-pass");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(ExitCode.USAGE.code, r.code(), r.toString());
    assertTrue(seconds < 30, "bounded by the timeout: " + seconds + "s");
    assertEquals("", r.out(), "no report over nothing");
    assertEquals("error: cannot reach AWS STS at http://127.0.0.1:" + port + ": Connection refused; check the network or --endpoint-url",
        r.err().strip());
  }

  @Test
  void iamPolicyIsTheActionsCalled() throws IOException {
    CliRun r = CliRun.run(NO_ENV, false, null, "iam-policy");
    assertEquals(0, r.code());
    JsonNode policy = CliRun.JSON.readTree(r.out());
    List<String> actions = new ArrayList<>();
    policy.path("Statement").get(0).path("Action").forEach(a -> actions.add(a.asText()));
    assertEquals(IamPolicy.ACTIONS, actions);
    assertEquals(2, policy.path("Statement").size());
    List<String> onBehalf = new ArrayList<>();
    policy.path("Statement").get(1).path("Action").forEach(a -> onBehalf.add(a.asText()));
    assertEquals(IamPolicy.BEANSTALK_READS_ON_BEHALF, onBehalf, "what Beanstalk reads with the caller's permissions");
    assertTrue(onBehalf.stream().allMatch(a -> a.matches("[a-z0-9]+:(Describe|Get|List)[A-Za-z]+")), "read-only: " + onBehalf);
    CliRun roles = CliRun.run(NO_ENV, false, null, "iam-policy", "--role-arn", "arn:aws:iam::444455556666:role/audit");
    JsonNode assume = CliRun.JSON.readTree(roles.out()).path("Statement").get(2);
    assertEquals("sts:AssumeRole", assume.path("Action").asText());
    assertEquals("arn:aws:iam::444455556666:role/audit", assume.path("Resource").get(0).asText());
    assertTrue(Files.notExists(Path.of("iam-policy")));
  }

  @Test
  void aReportToAPipeIsWrittenIntoItNotOverIt(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("report.fifo");
    org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CliRun r = CliRun.run(NO_ENV, false, s -> new FakeAws(), "scan", "--region", "us-east-1", "-o", "json=" + fifo);
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    assertTrue(reader.get(30, java.util.concurrent.TimeUnit.SECONDS).contains("\"findings\""));
    assertFalse(Files.isRegularFile(fifo), "still a pipe: a device such as /dev/null is never replaced by a file");
  }

  @Test
  void anSsoProfileIsReadByTheSdk(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile audit-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n"
        + "sso_account_id = 111122223333\nsso_role_name = SecurityAudit\nregion = eu-west-1\n");
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "keys in the environment come first");
    System.setProperty("aws.configFile", config.toString());
    System.clearProperty("aws.accessKeyId"); // so that the chain gets to the profile (instance metadata stays off)
    System.clearProperty("aws.secretAccessKey");
    CliRun r;
    try {
      r = CliRun.run(Map.of("AWS_CONFIG_FILE", config.toString()), false, null, "scan", "--profile", "audit-sso",
          "--endpoint-url", "http://127.0.0.1:1", "--timeout", "1s", "-o", "json");
    } finally {
      System.clearProperty("aws.configFile");
      fakeCredentials();
    }
    // No SSO token is cached here: the SDK looks for it, rather than saying SSO support is missing,
    // and the user is told how to log in.
    assertEquals(ExitCode.USAGE.code, r.code(), r.toString());
    assertEquals("error: the SSO token of profile audit-sso is missing or expired; run: aws sso login --profile audit-sso",
        r.err().strip());
    assertEquals("", r.out());
  }
}
