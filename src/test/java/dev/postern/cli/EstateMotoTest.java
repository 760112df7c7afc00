package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #14 on an estate seeded like the (seed.py estate: two regions, the designed chain
 * lb-N → app-N → db-N/cache-N by group name, no instances in the application tier, unattached
 * load-balancer groups, one internet-facing ALB per region on lb-0, plus planted faults), scanned
 * live with {@code --endpoint-url}: the FAILs at medium or above are exactly the planted faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EstateMotoTest {
  Optional<String> unavailable;
  MotoServer moto;
  JsonNode ids;
  JsonNode report;

  @BeforeAll
  void scanTheEstate() throws Exception {
    unavailable = MotoServer.unavailable();
    if (unavailable.isPresent()) return;
    moto = MotoServer.start();
    LiveMotoTest.credentials("testing", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
    moto.reset();
    ids = moto.seed("estate");
    CliRun r = CliRun.run(LiveMotoTest.ENV, false, null, "scan", "--endpoint-url", moto.endpoint, "--timeout", "20s",
        "--region", "us-east-1", "--region", "eu-west-1", "-o", "json", "--show-pass");
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    report = r.stdoutJson();
    assertTrue(report.path("complete").asBoolean(), report.path("errors").toString());
  }

  @AfterAll
  void stop() throws Exception {
    if (moto != null) moto.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  void needsMoto() {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
  }

  /** "rule region resource" of each finding with this status at or above {@code min}. */
  Set<String> findings(String status, Severity min) {
    Set<String> out = new TreeSet<>();
    for (JsonNode f : report.path("findings")) {
      if (!f.path("status").asText().equals(status) || !Severity.parse(f.path("severity").asText()).atLeast(min)) continue;
      out.add(f.path("ruleName").asText() + " " + f.path("resource").path("region").asText() + " " + f.path("resource").path("id").asText());
    }
    return out;
  }

  String group(String region, String name) {
    return ids.path(region).path("groups").path(name).asText();
  }

  @Test
  void theFailsAtMediumOrAboveAreExactlyThePlantedFaults() {
    needsMoto();
    Set<String> expected = new TreeSet<>(List.of(
        "sg-db-port-open-to-internet us-east-1 " + group("us-east-1", "db-world"),
        "rds-publicly-accessible us-east-1 public-db",
        "rds-storage-not-encrypted us-east-1 plain-db",
        "elasticache-not-encrypted-at-rest us-east-1 plain-cache",
        "elasticache-not-encrypted-in-transit us-east-1 plain-cache",
        "elasticache-redis-auth-disabled us-east-1 plain-cache",
        "trust-datastore-port-mismatch us-east-1 billing",
        "trust-datastore-port-mismatch eu-west-1 billing"));
    assertEquals(expected, findings("FAIL", Severity.MEDIUM),
        "nothing at medium or above on the designed lb → app → data chain or on unattached groups; every planted fault found");
  }

  @Test
  void theDesignedChainPassesThroughTheApplicationTierByPosition() {
    needsMoto();
    Set<String> passes = findings("PASS", Severity.INFO);
    for (String region : List.of("us-east-1", "eu-west-1")) {
      // The Redis groups are judged UNKNOWN: moto 5.2.1 lists no security groups for a replication group's members.
      for (String store : List.of("orders-0", "orders-1", "orders-2")) {
        assertTrue(passes.contains("path-internet-to-datastore " + region + " " + store), region + " " + store + " passes");
      }
      assertTrue(passes.contains("trust-app-bypasses-load-balancer " + region + " " + group(region, "app-0")),
          "app-0 is judged as the application tier behind lb-0, in " + region);
    }
    for (JsonNode f : report.path("findings")) {
      assertTrue(!f.path("message").asText().contains("skips the application tier"), f.toString());
    }
  }

  @Test
  void unattachedLoadBalancerGroupsAreUnusedNotExposed() {
    needsMoto();
    Set<String> lowFails = findings("FAIL", Severity.INFO);
    for (String region : List.of("us-east-1", "eu-west-1")) {
      for (int n = 1; n < 6; n++) {
        String g = group(region, "lb-" + n);
        assertTrue(lowFails.contains("sg-unused-group-open-to-internet " + region + " " + g), "lb-" + n + " in " + region);
        assertTrue(!lowFails.contains("sg-open-to-internet " + region + " " + g), "lb-" + n + " in " + region + " exposes nothing");
      }
    }
    List<String> unusedRows = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      if (f.path("ruleName").asText().equals("sg-unused-group-open-to-internet") && f.path("status").asText().equals("FAIL")) {
        assertEquals("low", f.path("severity").asText());
        List<String> details = new ArrayList<>();
        f.path("evidence").forEach(e -> details.add(e.path("detail").asText()));
        assertEquals(List.of("tcp/80 from 0.0.0.0/0", "tcp/80 from ::/0", "tcp/443 from 0.0.0.0/0", "tcp/443 from ::/0"), details,
            "one finding per group, each port and source in its evidence");
        unusedRows.add(f.path("resource").path("id").asText());
      }
    }
    assertEquals(2 * 5, unusedRows.size(), "one finding per group, lb-1..lb-5 in two regions: " + unusedRows);
  }

  @Test
  void thePortMismatchIsSaidAsSuchNotAsAMissingClient() {
    needsMoto();
    for (JsonNode f : report.path("findings")) {
      if (!f.path("resource").path("id").asText().equals("billing")) continue;
      String rule = f.path("ruleName").asText();
      String region = f.path("resource").path("region").asText();
      if (rule.equals("trust-datastore-port-mismatch")) {
        assertEquals("FAIL", f.path("status").asText());
        String m = f.path("message").asText();
        assertTrue(m.contains("listens on tcp/5432 but its groups (" + group(region, "db-mismatch") + " (db-mismatch)) admit only tcp/3306 (from ")
            && m.contains(group(region, "app-1") + " (app-1)") && m.contains(group(region, "app-2") + " (app-2)"), m);
      }
      if (rule.equals("trust-datastore-no-trusted-client")) {
        assertEquals("PASS", f.path("status").asText(), f.toString());
      }
    }
  }
}
