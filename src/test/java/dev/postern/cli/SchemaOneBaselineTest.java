package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users keep baselines written by the previous schema (1.1: one finding per port and source). The
 * checked-in report was written by postern 0.1.0 (schema 1.1) from the checked-in capture, in which
 * one group admits tcp/3306 from 0.0.0.0/0 and ::/0 and tcp/5432 from 0.0.0.0/0 (three 1.x
 * findings) and another tcp/22 from both (two). Scanned again today, nothing changed: so nothing is
 * new, nothing resolved, and the gate passes.
 */
class SchemaOneBaselineTest {
  static final Path DIR = Path.of("src/test/resources/baseline-v1");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aSchemaOneReportIsABaselineForTodaysFindings() throws Exception {
    JsonNode old = JSON.readTree(DIR.resolve("report-schema-1.1.json").toFile());
    assertEquals("1.1", old.get("schemaVersion").asText());
    assertEquals(15, old.get("findings").size(), "the old report: one finding per reason");

    Path report = tmp.resolve("now.json");
    Run run = Run.of("scan", "--from-aws-cli", DIR.resolve("aws").toString(), "--baseline", DIR.resolve("report-schema-1.1.json").toString(),
        "-o", "json=" + report, "-o", "table");
    JsonNode now = JSON.readTree(report.toFile());
    assertEquals("2.1", now.get("schemaVersion").asText());
    // Rules added since 0.1.0 find things the old report could not have: they are new, the rest existing.
    Set<String> oldRules = rules(old);
    int ofOldRules = 0;
    for (JsonNode f : now.get("findings")) {
      if (!f.get("status").asText().equals("FAIL")) continue; // UNKNOWN ones are listed too, with no baseline state
      boolean known = oldRules.contains(f.get("ruleName").asText());
      if (known) ofOldRules++;
      assertEquals(known ? "existing" : "new", f.get("baseline").asText(), f.get("ruleName") + " on " + f.get("resource").get("id"));
    }
    assertEquals(12, ofOldRules, "today: one finding per rule and resource");
    JsonNode summary = now.get("summary");
    assertEquals(12, summary.get("existing").asInt());
    assertEquals(0, summary.get("resolved").asInt());
    assertEquals(0, run.exit(), "nothing new at or above high: the gate passes\n" + run.out());

    // The merged group's finding lists every reason the old report had as a finding of its own.
    JsonNode db = finding(now, "sg-db-port-open-to-internet");
    Set<String> details = new HashSet<>();
    db.get("evidence").forEach(e -> details.add(e.get("detail").asText()));
    assertEquals(Set.of("tcp/3306 from 0.0.0.0/0", "tcp/3306 from ::/0", "tcp/5432 from 0.0.0.0/0"), details);
    assertEquals(3, db.get("remediationCommands").size());
    assertTrue(db.get("message").asText().contains("allows tcp/3306 and tcp/5432 from 0.0.0.0/0; tcp/3306 from ::/0")
        || db.get("message").asText().contains("allows tcp/3306 from 0.0.0.0/0 and ::/0; tcp/5432 from 0.0.0.0/0"), db.get("message").asText());
    // A finding that had a single reason keeps its id exactly.
    assertEquals("pf-ccb6cac5e514dcd1c98f", finding(now, "sg-default-group-has-rules").get("id").asText());
  }

  @Test
  void diffOfASchemaOneAndASchemaTwoReportSeesNoChange() throws Exception {
    Path report = tmp.resolve("now.json");
    Run.of("scan", "--from-aws-cli", DIR.resolve("aws").toString(), "-o", "json=" + report);
    Run diff = Run.of("diff", DIR.resolve("report-schema-1.1.json").toString(), report.toString(), "-o", "json");
    JsonNode d = JSON.readTree(diff.out());
    Set<String> oldRules = rules(JSON.readTree(DIR.resolve("report-schema-1.1.json").toFile()));
    for (JsonNode f : d.get("new")) assertTrue(!oldRules.contains(f.get("ruleName").asText()), "new only by a rule added since: " + f);
    assertEquals(0, d.get("resolved").size(), diff.out());
    assertEquals(12, d.get("stillOpen").size(), diff.out());
  }

  @Test
  void aFixedReasonKeepsTheFindingOpenAndItsId() throws Exception {
    // One of the three reasons is fixed: the finding is still open, with the same id, now with two reasons.
    Path aws = Scenarios.copy(DIR.resolve("aws"), tmp.resolve("aws"));
    Path sgs = aws.resolve("describe-security-groups.json");
    String text = java.nio.file.Files.readString(sgs).replace("\"FromPort\": 5432", "\"FromPort\": 5433").replace("\"ToPort\": 5432", "\"ToPort\": 5433");
    java.nio.file.Files.writeString(sgs, text);
    Path report = tmp.resolve("now.json");
    Run run = Run.of("scan", "--from-aws-cli", aws.toString(), "--baseline", DIR.resolve("report-schema-1.1.json").toString(), "-o", "json=" + report);
    JsonNode now = JSON.readTree(report.toFile());
    JsonNode db = finding(now, "sg-db-port-open-to-internet");
    assertEquals(2, db.get("evidence").size());
    assertEquals("existing", db.get("baseline").asText());
    assertEquals(0, run.exit());
  }

  static Set<String> rules(JsonNode report) {
    Set<String> out = new HashSet<>();
    report.get("rules").forEach(r -> out.add(r.get("name").asText()));
    return out;
  }

  static JsonNode finding(JsonNode report, String rule) {
    for (JsonNode f : report.get("findings")) if (f.get("ruleName").asText().equals(rule)) return f;
    throw new AssertionError("no finding of " + rule);
  }
}
