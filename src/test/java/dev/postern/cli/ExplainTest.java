package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.report.TextLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainTest {
  static final String SCENARIOS = "src/test/resources/scenarios/";
  /** Wide enough that every chain is on one line. */
  static final Map<String, String> WIDE = Map.of("COLUMNS", "250");
  static final String DB = "awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1";

  @Test
  void hardenedDatabaseIsReachedOnlyThroughTheLoadBalancerAndTheApp() {
    Run r = Run.withEnv(WIDE, "explain", "--from-aws-cli", SCENARIOS + "beanstalk-hardened/aws", "hardened-db");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("* sg-80f73f2032516cf52 admits tcp/3306 from sg-96a6a85ad4d0f279e"), r.out());
    assertTrue(r.out().contains("Internet → sg-49d908ccb8fe0a7c9 tcp/443 [edge] → sg-96a6a85ad4d0f279e tcp/80 [app] → sg-80f73f2032516cf52 tcp/3306 [data] (rds-instance hardened-db)  — load balancer → application chain"), r.out());
    assertFalse(r.out().contains("NOT through"), r.out());
  }

  @Test
  void insecureDatabaseShowsTheRouteAroundTheLoadBalancer() {
    Run r = Run.withEnv(WIDE, "explain", "--from-aws-cli", SCENARIOS + "beanstalk-default-insecure/aws", "awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1");
    assertTrue(r.out().contains("Internet → sg-18b12974be05d304b tcp/22 [app] → sg-623ca5cc7f0087613 tcp/3306 [data]"), r.out());
    assertTrue(r.out().contains("NOT through the load balancer and application tier"), r.out());
    assertTrue(r.out().contains("Internet → sg-623ca5cc7f0087613 tcp/3306 [data] (rds-instance awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1)  — directly"), r.out());
  }

  @Test
  void aSecurityGroupAndAnEnvironmentCanBeExplainedToo() {
    Run g = Run.of("explain", "--demo", "sg-6adda7717c7bf8673");
    assertTrue(g.out().contains("sg-6adda7717c7bf8673 admits all traffic from sg-6adda7717c7bf8673 (itself)"), g.out());
    assertTrue(g.out().contains("none: the Internet cannot reach it"), g.out());
    Run e = Run.of("explain", "--demo", "Vprofile-app-prod");
    assertTrue(e.out().contains("beanstalk-environment Vprofile-app-prod"), e.out());
    assertTrue(e.out().contains("tcp/22 from 203.0.113.10/32"), e.out());
  }

  @Test
  void unknownResourceIsBadInput() {
    Run r = Run.of("explain", "--demo", "sg-nope");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("error: sg-nope: no security group"), r.err());
  }

  @Test
  void atEightyColumnsChainsFoldOneHopALine() {
    Run r = Run.of("explain", "--demo", DB);
    assertEquals(0, r.exit(), r.err());
    r.out().lines().forEach(l -> assertTrue(TextLayout.width(l) <= 80, "wider than 80: " + l + "\n" + r.out()));
    assertTrue(r.out().contains("  Internet\n    → sg-18b12974be05d304b tcp/22 [app]\n    → sg-623ca5cc7f0087613 tcp/3306 [data]"), r.out());
    assertTrue(r.out().contains("    — NOT through the load balancer and application tier"), r.out());
  }

  @Test
  void theWidthIsTheConsoleWidth() {
    Run r = Run.withEnv(Map.of("COLUMNS", "120"), "explain", "--demo", DB);
    assertTrue(r.out().lines().anyMatch(l -> l.length() > 100), r.out());
    r.out().lines().forEach(l -> assertTrue(TextLayout.width(l) <= 120, "wider than 120: " + l));
  }

  @Test
  void theFindingsOnTheResourceAndItsGroupsAreListed() {
    Run r = Run.of("explain", "--demo", DB);
    String findings = r.out().substring(r.out().indexOf("Findings on it and its security groups ("));
    assertTrue(findings.contains("rds-publicly-accessible"), findings);
    assertTrue(findings.contains("sg-db-port-open-to-internet"), findings);
    assertFalse(findings.contains("eb-managed-updates-disabled"), "a finding on another resource: " + findings);
  }

  /** A group that admits both 0.0.0.0/0 and ::/0 on a port: one ingress line, each chain once. */
  @Test
  void anIpv4SourceAndItsIpv6TwinArePrintedOnce(@TempDir Path dir) throws Exception {
    Path src = Path.of(SCENARIOS, "beanstalk-default-insecure/aws");
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
    }
    ObjectMapper m = new ObjectMapper();
    Path sgs = dir.resolve("describe-security-groups.json");
    JsonNode root = m.readTree(sgs.toFile());
    int twins = 0;
    for (JsonNode g : root.get("SecurityGroups")) {
      for (JsonNode p : g.get("IpPermissions")) {
        for (JsonNode range : p.path("IpRanges")) {
          if (range.path("CidrIp").asText().equals("0.0.0.0/0")) {
            ((ArrayNode) p.withArray("Ipv6Ranges")).addObject().put("CidrIpv6", "::/0");
            twins++;
            break;
          }
        }
      }
    }
    assertTrue(twins >= 2, "the scenario opens ports to 0.0.0.0/0");
    m.writeValue(sgs.toFile(), root);
    Run r = Run.withEnv(WIDE, "explain", "--from-aws-cli", dir.toString(), DB);
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, count(r.out(), "admits tcp/3306 from 0.0.0.0/0, ::/0 (the Internet)"), r.out());
    String who = r.out().substring(r.out().indexOf("Who may reach it"), r.out().indexOf("Findings on it"));
    assertEquals(0, count(who, "from ::/0"), who);
    assertEquals(1, count(r.out(), "(rds-instance " + DB + ")  — directly"), r.out());
    assertEquals(1, count(r.out(), "Internet → sg-18b12974be05d304b tcp/22 [app] → sg-623ca5cc7f0087613 tcp/3306 [data]"), r.out());
  }

  @Test
  void jsonDotAndMermaid() throws Exception {
    Run j = Run.of("explain", "--demo", DB, "-o", "json");
    assertEquals(0, j.exit(), j.err());
    JsonNode n = new ObjectMapper().readTree(j.out());
    assertEquals("rds-instance " + DB, n.get("resource").asText());
    assertEquals(3306, n.get("port").asInt());
    assertEquals("sg-623ca5cc7f0087613", n.get("securityGroups").get(0).get("id").asText());
    assertTrue(n.get("chains").size() >= 2, j.out());
    assertTrue(n.get("findings").size() >= 2, j.out());
    boolean around = false;
    for (JsonNode c : n.get("chains")) around |= c.get("verdict").asText().equals("around-load-balancer");
    assertTrue(around, j.out());

    Run d = Run.of("explain", "--demo", DB, "-o", "dot");
    assertTrue(d.out().startsWith("digraph explain {"), d.out());
    assertTrue(d.out().contains("\"internet\" -> \"sg-18b12974be05d304b\" [label=\"tcp/22\", color="), d.out());
    assertTrue(d.out().trim().endsWith("}"), d.out());

    Run mm = Run.of("explain", "--demo", DB, "-o", "mermaid");
    assertTrue(mm.out().startsWith("flowchart LR\n"), mm.out());
    assertTrue(mm.out().contains("((\"Internet\"))"), mm.out());
    assertTrue(mm.out().contains("linkStyle "), mm.out());

    Run bad = Run.of("explain", "--demo", DB, "-o", "sarif");
    assertEquals(2, bad.exit());
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
