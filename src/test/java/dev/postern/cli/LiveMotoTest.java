package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postern scan --endpoint-url} against a real AWS-wire server (moto), in process: findings,
 * exit codes, and the faults a live account shows (denied calls, HTTP 500).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMotoTest {
  static final Map<String, String> ENV = Map.of("AWS_CONFIG_FILE", "/nonexistent/postern-test-config");
  Optional<String> unavailable;
  MotoServer moto;

  @BeforeAll
  void start() throws Exception {
    unavailable = MotoServer.unavailable();
    if (unavailable.isPresent()) return;
    moto = MotoServer.start();
    credentials("testing", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @BeforeEach
  void needsMoto() {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
  }

  @AfterAll
  void stop() throws Exception {
    if (unavailable.isEmpty()) moto.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  static void credentials(String key, String secret) {
    System.setProperty("aws.accessKeyId", key);
    System.setProperty("aws.secretAccessKey", secret);
  }

  CliRun scan(String... args) {
    List<String> all = new ArrayList<>(List.of("scan", "--endpoint-url", moto.endpoint, "--timeout", "20s"));
    all.addAll(List.of(args));
    return CliRun.run(ENV, false, null, all.toArray(String[]::new));
  }

  static Set<String> errors(JsonNode report) {
    Set<String> out = new TreeSet<>();
    report.path("errors").forEach(e -> out.add(e.path("service").asText() + " " + e.path("operation").asText() + " "
        + e.path("code").asText()));
    return out;
  }

  @Test
  void twoRegionsGiveTheExpectedFindingsAndASnapshotReplaysThem(@TempDir Path dir) throws Exception {
    moto.reset();
    JsonNode ids = moto.seed("shop");
    Path live = dir.resolve("live.json");
    Path snapshot = dir.resolve("snapshot.json");
    CliRun r = scan("--region", "us-east-1", "--region", "eu-west-1", "-o", "json=" + live, "--save-snapshot", snapshot.toString(),
        "--show-pass");
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    assertEquals("", r.out(), "the report went to its file");
    JsonNode report = CliRun.json(live);
    assertTrue(report.path("complete").asBoolean(), report.path("errors").toString());
    List<String> fails = CliRun.findings(report, "FAIL");
    assertTrue(fails.contains("sg-db-port-open-to-internet " + ids.path("legacy").asText()), "MySQL through a prefix list: " + fails);
    assertTrue(fails.contains("sg-admin-port-open-to-internet " + ids.path("ssh").asText()), fails.toString());
    assertTrue(fails.contains("sg-admin-port-open-to-internet " + ids.path("rdp").asText()), "eu-west-1 too: " + fails);
    for (String quiet : List.of("web", "db", "cache")) {
      String id = ids.path(quiet).asText();
      assertTrue(fails.stream().noneMatch(f -> f.endsWith(id) && !f.startsWith("sg-open-to-internet")
          // moto names no SecurityGroups on a replication group's clusters and makes no network
          // interface for them: from its answers the cache's group is attached to nothing.
          && !(quiet.equals("cache") && f.startsWith("sg-unused "))), quiet + ": " + fails);
    }
    assertTrue(fails.contains("sg-unused " + ids.path("cache").asText()), "what moto answers about the cache group: " + fails);
    assertTrue(CliRun.findings(report, "PASS").contains("sg-db-port-open-to-internet " + ids.path("db").asText()));
    Set<String> regions = new TreeSet<>();
    report.path("scopes").forEach(s -> regions.add(s.path("account").asText() + "/" + s.path("region").asText()));
    assertEquals(Set.of("123456789012/eu-west-1", "123456789012/us-east-1"), regions);

    Path replay = dir.resolve("replay.json");
    CliRun fromSnapshot = CliRun.run(ENV, false, null, "scan", "--from-snapshot", snapshot.toString(), "-o", "json=" + replay,
        "--show-pass");
    assertEquals(r.code(), fromSnapshot.code(), fromSnapshot.toString());
    assertEquals(Files.readString(live), Files.readString(replay), "same report from the snapshot");

    Path again = dir.resolve("again.json");
    scan("--region", "eu-west-1", "--region", "us-east-1", "-o", "json=" + again, "--show-pass", "--parallelism", "3");
    assertEquals(Files.readString(live), Files.readString(again), "same account, same bytes");
  }

  @Test
  void allRegionsAreTheOnesTheAccountHas() throws Exception {
    moto.reset();
    JsonNode ids = moto.seed("shop");
    CliRun r = scan("--all-regions", "-o", "json", "--parallelism", "16");
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    Set<String> regions = new TreeSet<>();
    report.path("scopes").forEach(s -> regions.add(s.path("region").asText()));
    assertTrue(regions.size() > 10 && regions.containsAll(List.of("us-east-1", "eu-west-1", "ap-southeast-2")), regions.toString());
    // moto has no Beanstalk in its newest regions, and says so by HTTP 500: an error like any other.
    for (JsonNode e : report.path("errors")) {
      assertEquals("elasticbeanstalk DescribeEnvironments HTTP500",
          e.path("service").asText() + " " + e.path("operation").asText() + " " + e.path("code").asText(), e.toString());
      assertFalse(Set.of("us-east-1", "eu-west-1").contains(e.path("region").asText()), e.toString());
    }
    assertTrue(CliRun.findings(report, "FAIL").contains("sg-admin-port-open-to-internet " + ids.path("rdp").asText()));
  }

  @Test
  void beanstalkAnswersHttp500AndTheReportSaysSo() throws Exception {
    moto.reset();
    moto.seed("beanstalk");
    CliRun r = scan("--region", "us-east-1", "-o", "json", "--show-pass");
    assertEquals(ExitCode.INCOMPLETE.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    assertFalse(report.path("complete").asBoolean());
    assertEquals(Set.of("elasticbeanstalk DescribeConfigurationSettings HTTP500",
        "elasticbeanstalk DescribeEnvironmentResources HTTP500"), errors(report));
    report.path("errors").forEach(e -> assertTrue(e.path("message").asText().contains("environment shop-prod"), e.toString()));
    for (JsonNode f : report.path("findings")) {
      if (f.path("resource").path("id").asText().contains("shop-prod")) {
        assertEquals("UNKNOWN", f.path("status").asText(), "nothing about the environment passes or fails: " + f);
      }
    }
  }

  @Test
  void aUserAllowedOnlyEc2DescribeSeesOnlyEc2AndTheRestIsDenied() throws Exception {
    moto.reset();
    JsonNode ids = moto.seed("iam");
    moto.enforceIam(true);
    credentials(ids.path("accessKeyId").asText(), ids.path("secretAccessKey").asText());
    CliRun r;
    try {
      r = scan("--region", "us-east-1", "-o", "json", "--show-pass");
    } finally {
      credentials("testing", "testing");
      moto.enforceIam(false);
    }
    assertEquals(ExitCode.INCOMPLETE.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    Set<String> errors = errors(report);
    for (String denied : List.of("rds DescribeDBInstances", "rds DescribeDBClusters", "elasticache DescribeCacheClusters",
        "elasticache DescribeReplicationGroups", "elasticbeanstalk DescribeEnvironments", "elasticloadbalancingv2 DescribeLoadBalancers")) {
      assertTrue(errors.contains(denied + " AccessDenied"), denied + " in " + errors);
    }
    assertTrue(errors.stream().noneMatch(e -> e.startsWith("ec2 ")), "EC2 was allowed: " + errors);
    List<String> passes = CliRun.findings(report, "PASS");
    assertTrue(passes.contains("sg-admin-port-open-to-internet " + ids.path("ssh").asText()), "what was seen is judged: " + passes);
    for (JsonNode f : report.path("findings")) {
      // EC2 was allowed: its security groups and network ACLs are seen and judged, nothing else.
      assertTrue(Set.of("security-group", "network-acl").contains(f.path("resource").path("type").asText()), "no verdict on unseen resources: " + f);
    }
  }

  @Test
  void eachRoleIsAnAccountOfItsOwn() throws Exception {
    moto.reset();
    CliRun r = scan("--region", "us-east-1", "--role-arn", "arn:aws:iam::111111111111:role/audit",
        "--role-arn", "arn:aws:iam::222222222222:role/audit", "--external-id", "postern-test", "-o", "json", "--show-pass");
    assertEquals(ExitCode.OK.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    Set<String> accounts = new TreeSet<>();
    report.path("scopes").forEach(s -> accounts.add(s.path("account").asText()));
    assertEquals(Set.of("111111111111", "222222222222"), accounts, "the account ids come from GetCallerIdentity of each role");
    Set<String> owners = new TreeSet<>();
    report.path("findings").forEach(f -> owners.add(f.path("resource").path("account").asText()));
    assertEquals(accounts, owners, "each account's default groups, judged in their account");
  }

  /** Issue 14's rules over what moto answers, opt-in ones enabled; then the one per-balancer call denied. */
  @Test
  void peersRulesJudgeWhatMotoAnswersAndADeniedAttributesCallIsUnknown() throws Exception {
    moto.reset();
    JsonNode ids = moto.seed("peers");
    String[] optIn = {"--enable-rule", "rds-iam-auth-disabled", "--enable-rule", "rds-default-port"};
    List<String> args = new ArrayList<>(List.of("--region", "us-east-1", "-o", "json", "--show-pass"));
    args.addAll(List.of(optIn));
    CliRun r = scan(args.toArray(String[]::new));
    JsonNode report = r.stdoutJson();
    assertTrue(report.path("complete").asBoolean(), "DescribeLoadBalancerAttributes answers in moto: " + report.path("errors"));
    List<String> fails = CliRun.findings(report, "FAIL");
    for (String expected : List.of("rds-iam-auth-disabled peers-db", "rds-default-port peers-db", "rds-default-master-username peers-db",
        "elasticache-default-subnet-group peers-cache", "elb-tls-policy-below-tls12 peers-alb", "elb-invalid-headers-not-dropped peers-alb",
        "trust-app-instance-public-ip " + ids.path("instance").asText(), "sg-unused " + ids.path("idle").asText())) {
      assertTrue(fails.contains(expected), expected + " in " + fails);
    }
    List<String> passes = CliRun.findings(report, "PASS");
    for (String used : List.of("alb", "app", "db")) {
      assertTrue(passes.contains("sg-unused " + ids.path(used).asText()), used + " is in use: " + passes);
    }
    // moto's DescribeDBInstances has no CertificateDetails: when the certificate expires is not known.
    assertTrue(CliRun.findings(report, "UNKNOWN").contains("rds-ca-certificate-expiring peers-db"), report.path("findings").toString());

    credentials(ids.path("accessKeyId").asText(), ids.path("secretAccessKey").asText());
    moto.enforceIam(true);
    CliRun denied;
    try {
      denied = scan(args.toArray(String[]::new));
    } finally {
      credentials("testing", "testing");
      moto.enforceIam(false);
    }
    assertTrue(denied.code() == ExitCode.INCOMPLETE.code || denied.code() == ExitCode.FINDINGS.code, denied.toString());
    JsonNode deniedReport = denied.stdoutJson();
    assertFalse(deniedReport.path("complete").asBoolean());
    assertEquals(Set.of("elasticloadbalancingv2 DescribeLoadBalancerAttributes AccessDenied"), errors(deniedReport));
    assertTrue(deniedReport.path("errors").get(0).path("message").asText().contains("load balancer peers-alb"), deniedReport.path("errors").toString());
    assertTrue(CliRun.findings(deniedReport, "UNKNOWN").contains("elb-invalid-headers-not-dropped peers-alb"), deniedReport.path("findings").toString());
    assertFalse(CliRun.findings(deniedReport, "PASS").contains("elb-invalid-headers-not-dropped peers-alb"));
    assertTrue(CliRun.findings(deniedReport, "FAIL").contains("elb-tls-policy-below-tls12 peers-alb"), "the listeners were read");
  }
}
