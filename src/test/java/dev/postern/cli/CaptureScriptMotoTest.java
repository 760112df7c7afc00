package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed capture script, run as written with the real AWS CLI against moto, captures what a
 * live scan of the same account reads: the scan of its folder finds the same FAILs, and is complete
 * except for what moto cannot answer (Beanstalk's environment resources and settings: HTTP 500),
 * which the scan reports as calls that failed, with their message, not as missing kinds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureScriptMotoTest {
  Optional<String> unavailable;
  MotoServer moto;

  @BeforeAll
  void start() throws Exception {
    unavailable = MotoServer.unavailable();
    if (unavailable.isEmpty() && !ReportValidationTest.onPath("aws")) {
      unavailable = Optional.of("the AWS CLI is not on the PATH");
      if ("true".equals(System.getenv("CI"))) throw new AssertionError("under CI=true the capture-script test must run: install the AWS CLI");
    }
    if (unavailable.isPresent()) return;
    moto = MotoServer.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (moto != null) moto.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  @Test
  void theScriptCapturesEverythingALiveScanReads(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
    moto.reset();
    JsonNode ids = moto.seed("shop");
    moto.seed("beanstalk");

    Run printed = Run.of("capture-script", "--region", "us-east-1");
    assertEquals(0, printed.exit(), printed.err());
    Path script = tmp.resolve("capture.sh");
    Files.writeString(script, printed.out());
    ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), "capture").directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().putAll(Map.of("AWS_ENDPOINT_URL", moto.endpoint, "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
        "AWS_CONFIG_FILE", "/nonexistent/postern-test-config", "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/postern-test-credentials",
        "AWS_MAX_ATTEMPTS", "1", "AWS_EC2_METADATA_DISABLED", "true"));
    pb.environment().remove("AWS_PROFILE");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the capture finished");
    assertEquals(0, p.exitValue(), log);
    Path folder = tmp.resolve("capture/123456789012/us-east-1");
    assertTrue(log.contains("capture: 2 call(s) failed"), log);
    // Per-load-balancer, per-parameter-group, per-prefix-list and per-environment calls.
    for (String f : List.of("listeners-", "describe-db-parameters-shop-postgres.json", "entries-" + ids.path("prefixList").asText() + ".json",
        "resources-shop-prod.failed.json", "settings-shop-prod.failed.json")) {
      try (var files = Files.list(folder)) {
        assertTrue(files.anyMatch(x -> x.getFileName().toString().startsWith(f)), f + " in " + OperabilityTest.list(folder));
      }
    }

    Path fromCapture = tmp.resolve("capture.json");
    Run scan = Run.of("scan", "--from-aws-cli", tmp.resolve("capture").toString(), "-o", "json=" + fromCapture);
    assertEquals(ExitCode.FINDINGS.code, scan.exit(), scan.err());
    JsonNode report = CliRun.json(fromCapture);
    assertFalse(report.path("complete").asBoolean());
    Set<String> errors = new TreeSet<>();
    for (JsonNode e : report.path("errors")) {
      errors.add(e.path("service").asText() + " " + e.path("operation").asText());
      assertTrue(e.path("message").asText().contains("environment shop-prod: aws elasticbeanstalk describe-"), e.toString());
      assertTrue(e.path("message").asText().contains(" failed: "), e.toString());
      assertFalse(e.path("code").asText().equals("NotCollected"), "a failed call, not a missing kind: " + e);
    }
    assertEquals(Set.of("elasticbeanstalk DescribeConfigurationSettings", "elasticbeanstalk DescribeEnvironmentResources"), errors);
    Set<String> collected = new TreeSet<>();
    report.path("scopes").get(0).path("collected").forEach(k -> collected.add(k.asText()));
    assertTrue(collected.containsAll(Set.of("security-groups", "network-interfaces", "instances", "vpcs", "subnets", "route-tables",
        "prefix-lists", "db-instances", "db-clusters", "db-parameters", "cache-clusters", "replication-groups", "eb-environments",
        "load-balancers", "listeners")), collected.toString());
    Run table = Run.of("scan", "--from-aws-cli", tmp.resolve("capture").toString());
    assertTrue(table.out().contains("scan INCOMPLETE: 2 collection error(s)"), table.out());

    // The same account scanned live: the same FAILs.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
    CliRun live = CliRun.run(Map.of("AWS_CONFIG_FILE", "/nonexistent/postern-test-config"), false, null, "scan", "--endpoint-url",
        moto.endpoint, "--timeout", "20s", "--region", "us-east-1", "-o", "json");
    JsonNode liveReport = live.stdoutJson();
    assertEquals(new TreeSet<>(CliRun.findings(liveReport, "FAIL")), new TreeSet<>(CliRun.findings(report, "FAIL")));
    assertTrue(CliRun.findings(report, "FAIL").contains("sg-db-port-open-to-internet " + ids.path("legacy").asText()),
        "MySQL through a prefix list, from the captured entries");
  }
}
