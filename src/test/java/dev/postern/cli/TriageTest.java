package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One finding per (rule, resource), and the triage controls: --severity, --skip-rule, --fail-on none, --compliance. */
class TriageTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** The table wraps its summary at the terminal's width: phrases are checked with line breaks as spaces. */
  static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"beanstalk-default-insecure", "beanstalk-hardened", "ielts", "vprofile"})
  void noTwoFindingsShareRuleAndResource(String scenario) {
    ScanResult r = Scenarios.scan(Scenarios.aws(scenario));
    Set<String> keys = new HashSet<>();
    for (Finding f : r.findings()) {
      var ref = f.resource();
      String key = String.join("|", f.rule().name(), ref.scope().account(), ref.scope().region(), ref.type(), ref.id());
      assertTrue(keys.add(key), "twice: " + key);
      assertFalse(f.evidence().isEmpty(), "a finding has evidence: " + key);
      if (f.status() == Status.FAIL && f.evidence().size() > 1) {
        for (var e : f.evidence()) assertFalse(e.detail().isEmpty(), "several reasons are each named: " + key);
      }
    }
  }

  @Test
  void severityReportsOnlyThoseButTheGateSeesAll() throws Exception {
    Path json = tmp.resolve("r.json");
    Run run = Run.of("scan", "--demo", "--severity", "critical", "-o", "json=" + json, "-o", "table");
    assertEquals(4, run.exit(), "the demo has high FAILs: --fail-on high still gates\n" + run.out());
    JsonNode report = JSON.readTree(json.toFile());
    assertTrue(report.get("findings").size() > 0);
    for (JsonNode f : report.get("findings")) assertEquals("critical", f.get("severity").asText());
    assertEquals(0, report.get("summary").get("failBySeverity").get("high").asInt());
    assertEquals(4, report.get("gate").get("exitCode").asInt());
    assertTrue(report.get("gate").get("reason").asText().contains("not shown (--severity)"), report.get("gate").toString());
    assertTrue(flat(run.out()).contains("FAIL not shown (--severity)"), run.out());
    for (String line : run.out().lines().toList()) {
      assertFalse(line.startsWith("high "), "no high finding listed: " + line);
    }

    Run bad = Run.of("scan", "--demo", "--severity", "critcal");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--severity") && bad.err().contains("critcal"), bad.err());
  }

  @Test
  void skipRuleLeavesARuleOut() {
    Run all = Run.of("scan", "--demo");
    assertTrue(all.out().contains("sg-db-port-open-to-internet"), all.out());
    assertTrue(all.out().contains("sg-admin-port-open-to-internet"), all.out());
    Run skipped = Run.of("scan", "--demo", "--skip-rule", "sg-db-port-open-to-internet", "--skip-rule", "SG-002");
    assertFalse(skipped.out().contains("sg-db-port-open-to-internet"), skipped.out());
    assertFalse(skipped.out().contains("sg-admin-port-open-to-internet"), "by id too: " + skipped.out());
    Run unknown = Run.of("scan", "--demo", "--skip-rule", "no-such-rule");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("--skip-rule no-such-rule") && unknown.err().contains("no such rule"), unknown.err());
  }

  @Test
  void failOnNoneReportsOnlyButAnIncompleteScanStillSaysSo() {
    Run demo = Run.of("scan", "--demo", "--fail-on", "none");
    assertEquals(0, demo.exit(), demo.out());
    assertTrue(demo.out().contains("FAIL (") && flat(demo.out()).contains("exit 0: report only (--fail-on none)"), demo.out());

    Path partial = Scenarios.without(Scenarios.aws("beanstalk-default-insecure"), tmp, "describe-instances.json");
    Run incomplete = Run.of("scan", "--from-aws-cli", partial.toString(), "--fail-on", "none");
    assertEquals(5, incomplete.exit(), incomplete.out());
    assertTrue(flat(incomplete.out()).contains("exit 5: scan incomplete"), incomplete.out());
    assertTrue(incomplete.out().contains("--allow-incomplete"), incomplete.out());
    Run allowed = Run.of("scan", "--from-aws-cli", partial.toString(), "--fail-on", "none", "--allow-incomplete");
    assertEquals(0, allowed.exit(), allowed.out());
    assertTrue(allowed.out().contains("scan INCOMPLETE"), "the report still says it: " + allowed.out());
    Run gated = Run.of("scan", "--from-aws-cli", partial.toString(), "--allow-incomplete");
    assertEquals(4, gated.exit(), "findings still gate with --allow-incomplete");

    Run bad = Run.of("scan", "--from-aws-cli", tmp.resolve("missing").toString(), "--fail-on", "none");
    assertEquals(2, bad.exit(), "bad input is still bad input");
  }

  @Test
  void complianceEvaluatesOnlyTheFrameworksRulesAndListsItsControls() throws Exception {
    Path json = tmp.resolve("r.json");
    Run run = Run.of("scan", "--demo", "--compliance", "cis", "-o", "json=" + json, "-o", "table");
    JsonNode report = JSON.readTree(json.toFile());
    for (JsonNode f : report.get("findings")) {
      boolean cis = false;
      for (JsonNode c : f.get("compliance")) cis |= c.asText().startsWith("CIS AWS Foundations ");
      assertTrue(cis, "only CIS-mapped rules: " + f.get("ruleName"));
    }
    assertTrue(report.get("compliance").size() > 0);
    for (JsonNode c : report.get("compliance")) {
      assertEquals("cis", c.get("framework").asText());
      assertEquals(c.get("fail").asInt() > 0 ? "FAIL" : c.get("unknown").asInt() > 0 ? "UNKNOWN" : "PASS", c.get("status").asText());
    }
    assertTrue(run.out().contains("CIS AWS Foundations Benchmark:"), run.out());
    assertTrue(run.out().contains("CIS AWS Foundations 5.2"), run.out());

    // Without --compliance, JSON lists every framework's controls; the table none.
    Path all = tmp.resolve("all.json");
    Run plain = Run.of("scan", "--demo", "-o", "json=" + all, "-o", "table");
    Set<String> frameworks = new HashSet<>();
    JSON.readTree(all.toFile()).get("compliance").forEach(c -> frameworks.add(c.get("framework").asText()));
    assertEquals(Set.of("fsbp", "cis", "well-architected", "securityhub"), frameworks);
    assertFalse(plain.out().contains("CIS AWS Foundations Benchmark:"));

    Run bad = Run.of("scan", "--demo", "--compliance", "nist");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("fsbp, cis, well-architected"), bad.err());
  }

  @Test
  void theTableEndsWithFailsByRuleAndTheGate() {
    Run run = Run.of("scan", "--demo");
    String out = run.out();
    int byRule = out.indexOf("FAIL by rule");
    assertTrue(byRule > 0, out);
    assertTrue(out.indexOf("sg-db-port-open-to-internet", byRule) > 0, out);
    assertTrue(flat(out).contains("· exit 4: "), out);
    assertTrue(flat(out).contains("FAIL at or above high (--fail-on high)"), out);
  }

  @Test
  void aFindingWithSeveralReasonsListsEachWithItsFix() {
    Run run = Run.withEnv(java.util.Map.of("COLUMNS", "200"), "scan", "--from-aws-cli", "src/test/resources/baseline-v1/aws");
    String out = run.out();
    var header = java.util.regex.Pattern.compile("sg-db-port-open-to-internet +security-group sg-623ca5cc7f0087613").matcher(out);
    assertTrue(header.find(), out);
    int at = header.start();
    String block = out.substring(at, out.indexOf("\n", out.indexOf("· tcp/5432 from 0.0.0.0/0", at) + 30));
    assertTrue(block.replaceAll("\\s+", " ").contains("allows tcp/3306 from 0.0.0.0/0 and ::/0; tcp/5432 from 0.0.0.0/0;"), block);
    assertTrue(block.contains("· tcp/3306 from 0.0.0.0/0\n"), block);
    assertTrue(block.contains("· tcp/3306 from ::/0\n"), block);
    assertTrue(block.contains("              fix: aws ec2 revoke-security-group-ingress"), block);
    assertEquals(1, out.lines().filter(l -> l.contains("security-group sg-623ca5cc7f0087613") && l.startsWith("critical")).count(),
        "one row for the group");
  }
}
