package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI gate, the nightly diff and suppressions, as a user runs them. */
class GateTest {
  static final String INSECURE = "beanstalk-default-insecure";
  static final String ADMIN_SG = "sg-18b12974be05d304b";
  static final String DB_SG = "sg-623ca5cc7f0087613";

  @TempDir Path tmp;

  Path aws() {
    return Scenarios.aws(INSECURE);
  }

  String path(String name) {
    return tmp.resolve(name).toString();
  }

  JsonNode json(String name) throws IOException {
    return Scenarios.JSON.readTree(tmp.resolve(name).toFile());
  }

  static List<String> values(JsonNode findings, String field) {
    List<String> out = new ArrayList<>();
    findings.forEach(f -> out.add(f.get(field).asText()));
    return out;
  }

  @Test
  void aBaselineRunFailsOnlyOnANewlyPlantedFault() throws IOException {
    Scenarios.Run first = scan("--from-aws-cli", aws().toString(), "-o", "json=" + path("base.json"));
    assertEquals(ExitCode.FINDINGS.code, first.code(), first.err());

    Scenarios.Run same = scan("--from-aws-cli", aws().toString(), "--baseline", path("base.json"),
        "-o", "json=" + path("same.json"));
    assertEquals(ExitCode.OK.code, same.code(), same.out() + same.err());
    assertEquals(List.of("existing", "existing", "existing"), values(json("same.json").get("findings"), "baseline"));

    Path planted = Scenarios.copy(aws(), tmp.resolve("planted"));
    Scenarios.openToInternet(planted, DB_SG, 5432);
    Scenarios.Run next = scan("--from-aws-cli", planted.toString(), "--baseline", path("base.json"),
        "-o", "json=" + path("next.json"), "-o", "table");
    assertEquals(ExitCode.FINDINGS.code, next.code(), next.out() + next.err());
    // One finding per group: the planted port is new evidence on a finding the baseline had, which
    // keeps its id and fails the gate again as WORSE.
    JsonNode findings = json("next.json").get("findings");
    List<String> worse = new ArrayList<>();
    findings.forEach(f -> {
      if (f.get("baseline").asText().equals("worse")) f.get("evidence").forEach(e -> worse.add(e.get("detail").asText()));
    });
    assertEquals(List.of("tcp/3306 from 0.0.0.0/0", "tcp/5432 from 0.0.0.0/0"), worse);
    assertTrue(next.out().replaceAll("\\s+", " ").contains("baseline: 0 new, 2 existing, 1 worse (new evidence), 0 resolved"), next.out());
  }

  @Test
  void suppressionsAcceptARiskUntilTheyExpire() throws IOException {
    Path file = tmp.resolve("suppressions.yaml");
    Files.writeString(file, """
        suppressions:
          - rule: sg-db-port-open-to-internet
            resource: arn:aws:ec2:*:123456789012:security-group/%s
            reason: migration to private subnets in progress
            expires: 2999-12-31
            ticket: SEC-1
          - rule: SG-002
            resource: %s
            reason: bastion
            expires: %s
          - rule: SG-004
            resource: sg-*
            reason: nothing matches this
            expires: 2999-12-31
        """.formatted(DB_SG, ADMIN_SG, "2999-12-31"));
    Scenarios.Run ok = scan("--from-aws-cli", aws().toString(), "--suppressions", file.toString(),
        "-o", "json=" + path("ok.json"));
    assertEquals(ExitCode.OK.code, ok.code(), ok.err());
    assertEquals(file + ":11 (rule SG-004, resource sg-*) matches no failing finding; remove it",
        ok.err().strip().replace("warning: suppression ", ""));
    assertEquals(2, json("ok.json").get("summary").get("suppressed").asInt());

    Files.writeString(file, Files.readString(file).replace("reason: bastion\n    expires: 2999-12-31", "reason: bastion\n    expires: 2020-01-31"));
    Scenarios.Run expired = scan("--from-aws-cli", aws().toString(), "--suppressions", file.toString(),
        "-o", "json=" + path("expired.json"));
    assertEquals(ExitCode.FINDINGS.code, expired.code(), expired.err());
    assertTrue(expired.err().contains("warning: suppression " + file + ":7 (rule SG-002, resource " + ADMIN_SG
        + ") expired on 2020-01-31; its 1 finding(s) fail again"), expired.err());
    JsonNode admin = json("expired.json").get("findings").get(0);
    assertEquals("FAIL", admin.get("status").asText());
    assertTrue(admin.get("suppression").get("expired").asBoolean());
  }

  @Test
  void anExpiredSuppressionFailsTheGateEvenWhenTheBaselineKnewTheFinding() throws IOException {
    scan("--from-aws-cli", aws().toString(), "-o", "json=" + path("base.json"));
    Path file = tmp.resolve("s.yaml");
    Files.writeString(file, "- rule: SG-002\n  resource: " + ADMIN_SG + "\n  reason: r\n  expires: 2020-01-01\n");
    Scenarios.Run r = scan("--from-aws-cli", aws().toString(), "--baseline", path("base.json"),
        "--suppressions", file.toString());
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.out() + r.err());
  }

  @Test
  void removingASuppressionBringsTheGateBackEvenWithABaseline() throws IOException {
    Path file = tmp.resolve("s.yaml");
    Files.writeString(file, "- rule: SG-002\n  resource: " + ADMIN_SG + "\n  reason: r\n  expires: 2999-01-01\n");
    Scenarios.Run base = scan("--from-aws-cli", aws().toString(), "--suppressions", file.toString(),
        "-o", "json=" + path("base.json"));
    assertEquals(ExitCode.FINDINGS.code, base.code(), "the critical one is not suppressed");
    Scenarios.Run same = scan("--from-aws-cli", aws().toString(), "--suppressions", file.toString(),
        "--baseline", path("base.json"));
    assertEquals(ExitCode.OK.code, same.code(), same.out() + same.err());
    Scenarios.Run removed = scan("--from-aws-cli", aws().toString(), "--baseline", path("base.json"),
        "-o", "json=" + path("removed.json"));
    assertEquals(ExitCode.FINDINGS.code, removed.code(), removed.err());
    JsonNode admin = json("removed.json").get("findings").get(1);
    assertEquals(ADMIN_SG, admin.get("resource").get("id").asText());
    assertEquals("new", admin.get("baseline").asText());
  }

  @Test
  void anInvalidSuppressionsFileIsExit2OnOneLine() throws IOException {
    Path file = tmp.resolve("bad.yaml");
    Files.writeString(file, "suppressions:\n  - rule: SG-002\n    resource: sg-1\n    reason: r\n    expires: soon\n");
    Scenarios.Run r = scan("--from-aws-cli", aws().toString(), "--suppressions", file.toString());
    assertEquals(ExitCode.USAGE.code, r.code());
    assertEquals("error: " + file + ":5: 'expires' must be a date like 2026-12-31, not 'soon'\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aBaselineThatIsNotAReportIsExit2() throws IOException {
    Path file = tmp.resolve("not-a-report.json");
    Files.writeString(file, "{\"hello\": 1}\n");
    Scenarios.Run r = scan("--from-aws-cli", aws().toString(), "--baseline", file.toString());
    assertEquals(ExitCode.USAGE.code, r.code());
    assertTrue(r.err().startsWith("error: " + file + ": not a postern JSON report"), r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void diffShowsAFixedFindingResolvedAndAnUnscannedOneNot() throws IOException {
    scan("--from-aws-cli", aws().toString(), "-o", "json=" + path("old.json"));

    Path fixed = Scenarios.copy(aws(), tmp.resolve("fixed"));
    closePort(fixed, ADMIN_SG, 22);
    scan("--from-aws-cli", fixed.toString(), "-o", "json=" + path("fixed.json"));
    Scenarios.Run d = Scenarios.run("diff", path("old.json"), path("fixed.json"), "-o", "json");
    assertEquals(ExitCode.OK.code, d.code(), d.err());
    JsonNode diff = Scenarios.JSON.readTree(d.out());
    assertEquals(1, diff.get("resolved").size());
    assertEquals(ADMIN_SG, diff.get("resolved").get(0).get("resource").get("id").asText());
    assertEquals(2, diff.get("stillOpen").size());
    assertEquals(0, diff.get("new").size());

    Path unscanned = Scenarios.without(aws(), tmp, "describe-security-groups.json");
    Scenarios.Run incomplete = scan("--from-aws-cli", unscanned.toString(), "-o", "json=" + path("unscanned.json"));
    assertEquals(ExitCode.INCOMPLETE.code, incomplete.code(), incomplete.err());
    Scenarios.Run d2 = Scenarios.run("diff", path("old.json"), path("unscanned.json"), "-o", "json");
    JsonNode diff2 = Scenarios.JSON.readTree(d2.out());
    assertEquals(0, diff2.get("resolved").size(), "not rescanned is never resolved");
    assertEquals(3, diff2.get("notRescanned").size());

    Scenarios.Run table = Scenarios.run("diff", path("old.json"), path("unscanned.json"));
    assertTrue(table.out().contains("0 new, 0 resolved, 0 still open (0 worse), 3 not rescanned"), table.out());
    Scenarios.Run md = Scenarios.run("diff", path("old.json"), path("fixed.json"), "-o", "markdown");
    assertTrue(md.out().contains("### Resolved (1)"), md.out());
  }

  @Test
  void diffExits4OnSomethingNewAtOrAboveFailOn() throws IOException {
    scan("--from-aws-cli", aws().toString(), "-o", "json=" + path("old.json"));
    Path planted = Scenarios.copy(aws(), tmp.resolve("planted"));
    Scenarios.openToInternet(planted, DB_SG, 5432);
    scan("--from-aws-cli", planted.toString(), "-o", "json=" + path("new.json"));
    assertEquals(ExitCode.FINDINGS.code, Scenarios.run("diff", path("old.json"), path("new.json")).code());
    assertEquals(ExitCode.OK.code, Scenarios.run("diff", path("new.json"), path("old.json")).code(), "only resolved");
    assertEquals(ExitCode.OK.code, Scenarios.run("diff", path("old.json"), path("old.json")).code());
  }

  @Test
  void oneScanWritesEveryFormat() throws IOException {
    List<String> args = new ArrayList<>(List.of("scan", "--from-aws-cli", aws().toString()));
    for (String f : List.of("json", "sarif", "junit", "markdown", "dot", "mermaid")) args.addAll(List.of("-o", f + "=" + path("out." + f)));
    args.addAll(List.of("-o", "table"));
    Scenarios.Run r = Scenarios.run(args.toArray(String[]::new));
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.err());
    assertTrue(r.out().startsWith("SEVERITY"), r.out());
    for (String f : List.of("json", "sarif", "junit", "markdown", "dot", "mermaid")) {
      assertTrue(Files.size(tmp.resolve("out." + f)) > 100, f);
    }
  }

  static void closePort(Path awsDir, String groupId, int port) throws IOException {
    Path file = awsDir.resolve("describe-security-groups.json");
    ObjectNode root = (ObjectNode) Scenarios.JSON.readTree(file.toFile());
    for (JsonNode g : root.withArray("SecurityGroups")) {
      if (!g.get("GroupId").asText().equals(groupId)) continue;
      ArrayNode perms = (ArrayNode) g.get("IpPermissions");
      for (int i = perms.size() - 1; i >= 0; i--) {
        if (perms.get(i).path("FromPort").asInt(-1) == port) perms.remove(i);
      }
    }
    Scenarios.JSON.writeValue(file.toFile(), root);
  }

  /** The gate's behaviour is shown on the security-group rules alone, so that counts stay readable. */
  static final String[] SG_RULES = {"--only-rule", "sg-db-port-open-to-internet", "--only-rule", "sg-admin-port-open-to-internet",
      "--only-rule", "sg-all-ports-open-to-internet", "--only-rule", "sg-open-to-internet", "--only-rule", "sg-default-group-has-rules"};

  static Scenarios.Run scan(String... args) {
    String[] all = new String[1 + SG_RULES.length + args.length];
    all[0] = "scan";
    System.arraycopy(SG_RULES, 0, all, 1, SG_RULES.length);
    System.arraycopy(args, 0, all, 1 + SG_RULES.length, args.length);
    return Scenarios.run(all);
  }
}
