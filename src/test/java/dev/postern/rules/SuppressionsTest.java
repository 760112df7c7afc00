package dev.postern.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.BadInputException;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionsTest {
  static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  static final RuleInfo ADMIN = rule("SG-002", "sg-admin-port-open-to-internet");
  static final RuleInfo DB = rule("SG-001", "sg-db-port-open-to-internet");
  static final Scope SCOPE = new Scope("123456789012", "us-east-1");

  static RuleInfo rule(String id, String name) {
    return new RuleInfo(id, name, "t", Severity.HIGH, "ec2", "security-group", "c", "d", "r", List.of(), List.of());
  }

  static Finding fail(RuleInfo rule, String groupId) {
    ResourceRef ref = new ResourceRef("security-group", groupId, "arn:aws:ec2:us-east-1:123456789012:security-group/" + groupId, "", SCOPE);
    return Finding.single(rule, rule.severity(), Status.FAIL, ref, groupId + " fails", List.of());
  }

  static Suppressions parse(String yaml) {
    return Suppressions.parse(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml", List.of(ADMIN, DB), TODAY);
  }

  static String entry(String rule, String resource, String expires) {
    return "suppressions:\n  - rule: " + rule + "\n    resource: \"" + resource + "\"\n    reason: accepted\n    expires: " + expires + "\n";
  }

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource({
    "sg-admin-port-open-to-internet, sg-0abc, true",
    "SG-002, sg-0abc, true",
    "sg-admin-*, sg-0abc, true",
    "sg-admin-port-open-to-internet, arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc, true",
    "sg-admin-port-open-to-internet, arn:aws:ec2:*:123456789012:security-group/*, true",
    "sg-admin-port-open-to-internet, sg-0a?c, true",
    "sg-admin-port-open-to-internet, sg-0ab, false",
    "sg-admin-port-open-to-internet, 0abc, false",
    "sg-admin-port-open-to-internet, security-group/sg-0abc, false",
    "sg-db-port-open-to-internet, sg-0abc, false",
    "sg-admin, sg-0abc, false",
  })
  void exactOrGlobNeverSubstring(String rule, String resource, boolean matches) {
    if (!Suppressions.isGlob(rule) && !rule.equals("SG-002") && !rule.startsWith("sg-db") && !rule.equals("sg-admin-port-open-to-internet")) {
      BadInputException e = assertThrows(BadInputException.class, () -> parse(entry(rule, resource, "2099-01-01")));
      assertEquals("s.yaml:2: unknown rule '" + rule + "' (see 'postern rules list')", e.oneLine());
      return;
    }
    Suppressions.Outcome o = parse(entry(rule, resource, "2099-01-01")).apply(List.of(fail(ADMIN, "sg-0abc")));
    assertEquals(matches ? Status.SUPPRESSED : Status.FAIL, o.findings().get(0).status());
    assertEquals(matches ? 0 : 1, o.warnings().size(), o.warnings().toString());
  }

  @Test
  void suppressedFindingKeepsTheEntry() {
    Finding f = parse(entry("SG-002", "sg-0abc", "2026-06-01")).apply(List.of(fail(ADMIN, "sg-0abc"))).findings().get(0);
    assertEquals(Status.SUPPRESSED, f.status(), "valid through its expiry day");
    assertEquals("accepted", f.suppression().orElseThrow().reason());
    assertEquals("s.yaml:2", f.suppression().orElseThrow().source());
    assertTrue(!f.gating());
  }

  @Test
  void expiredEntryFailsAgainWithAWarningNamingIt() {
    Suppressions.Outcome o = parse(entry("SG-002", "sg-0abc", "2026-05-31")).apply(List.of(fail(ADMIN, "sg-0abc")));
    Finding f = o.findings().get(0);
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.suppression().orElseThrow().expired());
    assertTrue(f.gating());
    assertEquals(List.of("warning: suppression s.yaml:2 (rule SG-002, resource sg-0abc) expired on 2026-05-31; its 1 finding(s) fail again"),
        o.warnings());
  }

  @Test
  void entriesMatchingNothingAreWarnings() {
    Suppressions.Outcome o = parse(entry("SG-001", "sg-gone", "2099-01-01")).apply(List.of(fail(ADMIN, "sg-0abc")));
    assertEquals(List.of("warning: suppression s.yaml:2 (rule SG-001, resource sg-gone) matches no failing finding; remove it"), o.warnings());
  }

  @Test
  void inAnIncompleteScanAnEntryWhoseResourceWasNotJudgedIsKeptNotStale() {
    Suppressions s = parse(entry("SG-001", "sg-unseen", "2099-01-01"));
    assertEquals(List.of("warning: suppression s.yaml:2 (rule SG-001, resource sg-unseen) was not evaluated (its data was not"
        + " collected in this incomplete scan); kept"), s.apply(List.of(fail(ADMIN, "sg-0abc")), false).warnings());
    // A PASS shows the resource was judged: the entry is stale even though the scan is incomplete.
    Finding fail = fail(DB, "sg-unseen");
    Finding pass = Finding.single(fail.rule(), fail.severity(), Status.PASS, fail.resource(), "passes", List.of());
    assertEquals(List.of("warning: suppression s.yaml:2 (rule SG-001, resource sg-unseen) matches no failing finding; remove it"),
        s.apply(List.of(pass), false).warnings());
    assertEquals(List.of("warning: suppression s.yaml:2 (rule SG-001, resource sg-unseen) matches no failing finding; remove it"),
        s.apply(List.of(), true).warnings(), "a complete scan judged everything");
  }

  @Test
  void aTopLevelListAndAnEmptyFileAreFine() {
    assertEquals(1, parse("- rule: SG-002\n  resource: sg-1\n  reason: r\n  expires: 2030-01-01\n  owner: me\n  ticket: T-1\n").size());
    assertEquals(0, parse("").size());
    assertEquals(0, parse("suppressions: []\n").size());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    "suppressions:\\n  - rule: SG-002\\n    resource: sg-1\\n    expires: 2030-01-01\\n| s.yaml:2: suppression without 'reason' (rule, resource, reason and expires are required)",
    "suppressions:\\n  - rule: SG-002\\n    resource: sg-1\\n    reason: r\\n| s.yaml:2: suppression without 'expires' (rule, resource, reason and expires are required)",
    "suppressions:\\n  - rule: SG-002\\n    resource: sg-1\\n    reason: r\\n    expires: next year\\n| s.yaml:5: 'expires' must be a date like 2026-12-31, not 'next year'",
    "suppressions:\\n  - rule: SG-002\\n    resource: sg-1\\n    reason: r\\n    expires: 2030-01-01\\n    until: 2030-01-01\\n| s.yaml:6: unknown key 'until' (expected rule, resource, reason, expires, owner, ticket)",
    "suppressions:\\n  - rule: SG-002\\n    resource: [sg-1, sg-2]\\n| s.yaml:3: 'resource' must be a single value",
    "ignore:\\n  - rule: SG-002\\n| s.yaml:1: unknown key 'ignore' (expected 'suppressions', a list of entries)",
    "suppressions:\\n  - SG-002\\n| s.yaml:2: each suppression must be a mapping (rule, resource, reason, expires)",
    "suppressions:\\n  - rule: SG-002\\n    reason: 'unclosed\\n| s.yaml:3: invalid YAML: while scanning a quoted scalar",
  })
  void invalidFilesNameFileAndLine(String yaml, String expected) {
    BadInputException e = assertThrows(BadInputException.class, () -> parse(yaml.replace("\\n", "\n")));
    assertTrue(e.oneLine().startsWith(expected), e.oneLine());
    assertTrue(!e.oneLine().contains("\n"), "one line");
  }
}
