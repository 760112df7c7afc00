package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's network-path scenarios (src/test/resources/live/seed_network.py) seeded on moto, scanned
 * live and captured with the AWS CLI (the printed capture script) then read with --from-aws-cli: the
 * same verdicts both ways, each scenario's reachability as docs/reachability.md says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkPathMotoTest {
  Optional<String> unavailable;
  MotoServer moto;

  @BeforeAll
  void start() throws Exception {
    unavailable = MotoServer.unavailable();
    if (unavailable.isEmpty() && !ReportValidationTest.onPath("aws")) unavailable = Optional.of("the AWS CLI is not on the PATH");
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

  private static final Map<String, String> AWS_ENV = Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
      "AWS_CONFIG_FILE", "/nonexistent/postern-test-config", "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/postern-test-credentials",
      "AWS_MAX_ATTEMPTS", "1", "AWS_EC2_METADATA_DISABLED", "true");

  private JsonNode seed(Path tmp) throws Exception {
    Path script = tmp.resolve("seed_network.py");
    try (InputStream in = NetworkPathMotoTest.class.getResourceAsStream("/live/seed_network.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder pb = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("AWS_ENDPOINT_URL", moto.endpoint);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "seeding finished");
    assertEquals(0, p.exitValue(), out);
    return new ObjectMapper().readTree(out);
  }

  /** "rule resource" → the finding, for FAILs. */
  private static Map<String, JsonNode> fails(JsonNode report) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode f : report.path("findings")) {
      if (f.path("status").asText().equals("FAIL")) out.put(f.path("ruleName").asText() + " " + f.path("resource").path("id").asText(), f);
    }
    return out;
  }

  @Test
  void eachScenarioIsJudgedLayerByLayerTheSameLiveAndFromTheCapture(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
    moto.reset();
    JsonNode ids = seed(tmp);

    // Live.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
    CliRun live = CliRun.run(Map.of("AWS_CONFIG_FILE", "/nonexistent/postern-test-config"), false, null, "scan", "--endpoint-url",
        moto.endpoint, "--timeout", "20s", "--region", "us-east-1", "-o", "json");
    JsonNode liveReport = live.stdoutJson();

    // The capture script, run with the AWS CLI, then read as files.
    Run printed = Run.of("capture-script", "--region", "us-east-1");
    Path script = tmp.resolve("capture.sh");
    Files.writeString(script, printed.out());
    ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), "capture").directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().putAll(AWS_ENV);
    pb.environment().put("AWS_ENDPOINT_URL", moto.endpoint);
    pb.environment().remove("AWS_PROFILE");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the capture finished");
    assertEquals(0, p.exitValue(), log);
    for (String f : List.of("describe-network-acls.json", "describe-internet-gateways.json", "describe-egress-only-internet-gateways.json",
        "describe-nat-gateways.json", "describe-addresses.json", "describe-vpc-peering-connections.json", "describe-target-groups.json",
        "target-health-app.json")) {
      assertTrue(Files.exists(tmp.resolve("capture/123456789012/us-east-1/" + f)), f + ": " + log);
    }
    Path fromCapture = tmp.resolve("capture.json");
    Run scan = Run.of("scan", "--from-aws-cli", tmp.resolve("capture").toString(), "-o", "json=" + fromCapture);
    assertEquals(ExitCode.FINDINGS.code, scan.exit(), scan.err());
    JsonNode captured = CliRun.json(fromCapture);

    for (JsonNode report : List.of(liveReport, captured)) {
      TreeSet<String> collected = new TreeSet<>();
      report.path("scopes").get(0).path("collected").forEach(k -> collected.add(k.asText()));
      assertTrue(collected.containsAll(List.of("network-acls", "internet-gateways", "egress-only-internet-gateways", "nat-gateways",
          "addresses", "vpc-peering-connections", "target-groups", "target-health")), collected.toString());
    }
    Map<String, JsonNode> liveFails = fails(liveReport);
    Map<String, JsonNode> capturedFails = fails(captured);
    assertEquals(liveFails.keySet(), capturedFails.keySet());
    liveFails.forEach((k, f) -> assertEquals(f.path("reachability"), capturedFails.get(k).path("reachability"), k));

    // Per-layer rule: critical in every scenario (FSBP judges the group alone); the path decides reachability.
    java.util.function.Function<String, JsonNode> db = scenario -> {
      JsonNode f = capturedFails.get("sg-db-port-open-to-internet " + ids.path(scenario).path("group").asText());
      assertTrue(f != null, scenario + ": " + capturedFails.keySet());
      assertEquals("critical", f.path("severity").asText(), scenario);
      return f.path("reachability");
    };
    JsonNode denyFirst = db.apply("deny-first");
    assertEquals("blocked", denyFirst.path("state").asText());
    assertEquals(ids.path("deny-first").path("acl").asText() + " rule #90 denies tcp/3306 from 0.0.0.0/0", denyFirst.path("reason").asText());
    JsonNode ephemeral = db.apply("ephemeral");
    assertEquals("blocked", ephemeral.path("state").asText());
    assertTrue(ephemeral.path("reason").asText().contains("the final * rule denies the reply tcp/1024-65535 to 0.0.0.0/0"), ephemeral.toString());
    assertTrue(ephemeral.path("path").asText().contains("#100 allow tcp/3306"), "inbound admitted: " + ephemeral);
    JsonNode nat = db.apply("nat-only");
    assertEquals("blocked", nat.path("state").asText());
    assertTrue(nat.path("reason").asText().contains("sends 0.0.0.0/0 to " + ids.path("nat-only").path("nat").asText()
        + ": a NAT gateway admits no inbound connection"), nat.toString());
    JsonNode eigw = db.apply("egress-only");
    assertEquals("blocked", eigw.path("state").asText());
    assertTrue(eigw.path("reason").asText().contains("sends ::/0 to " + ids.path("egress-only").path("eigw").asText()
        + ": an egress-only internet gateway admits no inbound connection"), eigw.toString());
    JsonNode main = db.apply("main-table");
    assertEquals("reachable", main.path("state").asText(), main.toString());
    String igw = ids.path("main-table").path("igw").asText();
    assertTrue(main.path("path").asText().startsWith("Internet → " + igw + " → " + ids.path("main-table").path("table").asText()
        + " (main table, 0.0.0.0/0 → " + igw + ") → acl-"), main.toString());
    assertTrue(main.path("path").asText().contains("(" + ids.path("main-table").path("eip").asText() + ") → ec2-instance "
        + ids.path("main-table").path("instance").asText()), "the elastic IP is its address: " + main);

    // The ALB's private target is reached through the load balancer only: no bypass, no public address.
    String app = ids.path("alb").path("app").asText();
    for (String k : capturedFails.keySet()) assertFalse(k.endsWith(" " + app) || k.endsWith(ids.path("alb").path("appGroup").asText()), k);
    assertFalse(capturedFails.containsKey("sg-open-to-internet " + ids.path("alb").path("lbGroup").asText()));
    // explain names its load balancer leg: listener, target group, the target's group on the target port, its interface;
    // the same live and from the capture.
    CliRun liveExplain = CliRun.run(Map.of("AWS_CONFIG_FILE", "/nonexistent/postern-test-config"), false, null, "explain", app,
        "--endpoint-url", moto.endpoint, "--timeout", "20s", "--region", "us-east-1", "-o", "json");
    Run capturedExplain = Run.of("explain", "--from-aws-cli", tmp.resolve("capture").toString(), app, "-o", "json");
    String albLeg = "elb front listener tcp/80 → tg app → " + ids.path("alb").path("appGroup").asText() + " tcp/8080 → eni-";
    for (JsonNode explained : List.of(liveExplain.stdoutJson(), new ObjectMapper().readTree(capturedExplain.out()))) {
      JsonNode legs = explained.path("loadBalancerLegs");
      assertEquals(1, legs.size(), explained.toString());
      assertTrue(legs.get(0).path("hops").asText().startsWith(albLeg), legs.toString());
      assertEquals("open", legs.get(0).path("outcome").asText(), legs.toString());
    }
    // The peered data store: trusted across the peering by an app group the Internet cannot reach.
    assertFalse(capturedFails.containsKey("path-internet-to-datastore peer-db"), capturedFails.keySet().toString());
    // The same with the app instance Internet-exposed: the route crosses the peering, every hop judged.
    JsonNode peeredOpen = ids.path("peered-open");
    JsonNode crossing = capturedFails.get("path-internet-to-datastore peered-open-db");
    assertTrue(crossing != null, capturedFails.keySet().toString());
    assertEquals("reachable", crossing.path("reachability").path("state").asText(), crossing.toString());
    assertTrue(crossing.path("reachability").path("path").asText().contains("→ ec2-instance " + peeredOpen.path("app").asText() + " → "
        + peeredOpen.path("pcx").asText() + " → acl-"), crossing.toString());
    assertTrue(crossing.path("reachability").path("path").asText().endsWith(" → " + peeredOpen.path("dbGroup").asText()
        + " tcp/5432 → rds-instance peered-open-db"), crossing.toString());
    // No route back on the database's side: the hop is blocked at that route table; a NACL denying the
    // data port between the bastion's and the database's subnets blocks the chain there.
    assertFalse(capturedFails.containsKey("path-internet-to-datastore peered-noroute-db"), capturedFails.keySet().toString());
    assertFalse(capturedFails.containsKey("path-internet-to-datastore nacl-hop-db"), capturedFails.keySet().toString());
    {
      Path in = tmp.resolve("capture");
      Run noRoute = Run.withEnv(Map.of("COLUMNS", "250"), "explain", "--from-aws-cli", in.toString(), "peered-noroute-db");
      assertTrue(noRoute.out().contains("peering         blocked route table " + ids.path("peered-noroute").path("dbTable").asText()
          + " has no route to " + ids.path("peered-noroute").path("pcx").asText()), noRoute.out());
      Run naclHop = Run.withEnv(Map.of("COLUMNS", "250"), "explain", "--from-aws-cli", in.toString(), "nacl-hop-db");
      assertTrue(naclHop.out().contains("network-acl-in  blocked " + ids.path("nacl-hop").path("acl").asText()
          + " rule #90 denies tcp/5432 from 10.13.1.0/24"), naclHop.out());
    }

    // Only the reachable one with --reachable-only.
    Run reachable = Run.of("scan", "--from-aws-cli", tmp.resolve("capture").toString(), "--reachable-only", "-o", "json");
    JsonNode only = new ObjectMapper().readTree(reachable.out());
    TreeSet<String> shown = new TreeSet<>();
    for (JsonNode f : only.path("findings")) {
      shown.add(f.path("ruleName").asText() + " " + f.path("resource").path("id").asText());
      assertEquals("reachable", f.path("reachability").path("state").asText(), f.toString());
    }
    assertEquals(new TreeSet<>(List.of("sg-db-port-open-to-internet " + ids.path("main-table").path("group").asText(),
        "path-internet-to-datastore peered-open-db", "sg-admin-port-open-to-internet " + ids.path("peered-open").path("appGroup").asText(),
        "sg-admin-port-open-to-internet " + ids.path("peered-noroute").path("appGroup").asText(),
        "sg-admin-port-open-to-internet " + ids.path("nacl-hop").path("bastionGroup").asText())), shown);
  }
}
