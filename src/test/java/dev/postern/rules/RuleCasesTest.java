package dev.postern.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.postern.collect.AwsCliReader;
import dev.postern.collect.InventoryAssembler;
import dev.postern.graph.TrustGraph;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import dev.postern.model.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule's fixture, {@code rules/<service>/<name>.cases.yaml}: each case states a small
 * world as AWS CLI outputs and the exact resources the rule must FAIL and PASS.
 */
class RuleCasesTest {
  static final ObjectMapper YAML = new YAMLMapper();
  static final Path RULES = Path.of("rules");
  static final Scope SCOPE = new Scope("123456789012", "us-east-1");

  static List<Rule> rules() {
    return new RuleLoader(CheckRegistry.standard()).loadBuiltin();
  }

  static Path casesFile(Rule r) {
    return Path.of(r.source().replaceAll("\\.yaml$", ".cases.yaml"));
  }

  @TestFactory
  Stream<DynamicNode> everyRuleCase() throws IOException {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Rule rule : rules()) {
      JsonNode cases = YAML.readTree(casesFile(rule).toFile()).path("cases");
      List<DynamicTest> tests = new ArrayList<>();
      for (JsonNode c : cases) {
        tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> runCase(rule, c)));
      }
      nodes.add(DynamicContainer.dynamicContainer(rule.name(), tests));
    }
    return nodes.stream();
  }

  /** The rule's findings on the case's world, PASS ones included: what a scan with --show-pass reports. */
  static List<Finding> findings(Rule rule, JsonNode aws, Set<ResourceKind> collected) {
    List<JsonNode> docs = new ArrayList<>();
    aws.forEach(docs::add);
    var graph = TrustGraph.build(InventoryAssembler.assemble(AwsCliReader.fromDocuments(SCOPE, docs, collected)));
    return Evaluator.evaluate(List.of(rule), graph, true).findings();
  }

  /**
   * The rule as a case needs it: a case with {@code now} (an ISO-8601 instant) runs its rule with a
   * clock fixed there, so that rules judging by time give the same verdicts on every day.
   */
  static Rule ruleFor(Rule rule, JsonNode c) {
    if (!c.has("now")) return rule;
    Clock fixed = Clock.fixed(Instant.parse(c.path("now").asText()), ZoneOffset.UTC);
    return new RuleLoader(CheckRegistry.standard(fixed)).loadBuiltin().stream().filter(r -> r.name().equals(rule.name())).findFirst().orElseThrow();
  }

  /**
   * FAIL, PASS and UNKNOWN resources exactly; one finding per resource; messages (the summary or
   * any evidence's), fixes, and with {@code evidence: {resource: [detail, …]}} exactly the evidence
   * each failing resource lists, in order.
   */
  static void runCase(Rule rule, JsonNode c) {
    // notCollected: [network-interfaces, ...]: a partial capture; otherwise the case states its world whole.
    Set<ResourceKind> collected = java.util.EnumSet.allOf(ResourceKind.class);
    c.path("notCollected").forEach(k -> collected.remove(ResourceKind.fromId(k.asText())));
    List<Finding> findings = findings(ruleFor(rule, c), c.path("aws"), collected);
    Set<String> resources = new java.util.HashSet<>();
    for (Finding f : findings) assertTrue(resources.add(f.resource().id()), "one finding per resource: " + f.resource().id() + " twice");
    JsonNode expect = c.path("expect");
    assertEquals(ids(expect.path("fail")), idsWith(findings, Status.FAIL), "FAIL resources");
    if (expect.has("pass")) assertEquals(ids(expect.path("pass")), idsWith(findings, Status.PASS), "PASS resources");
    if (expect.has("unknown")) assertEquals(ids(expect.path("unknown")), idsWith(findings, Status.UNKNOWN), "UNKNOWN resources");
    String messages = messages(findings, Status.FAIL);
    for (JsonNode s : expect.path("messageContains")) {
      assertTrue(messages.contains(s.asText()), "a FAIL message contains '" + s.asText() + "'; messages:\n" + messages);
    }
    String unknowns = messages(findings, Status.UNKNOWN);
    for (JsonNode s : expect.path("unknownContains")) {
      assertTrue(unknowns.contains(s.asText()), "an UNKNOWN message contains '" + s.asText() + "'; messages:\n" + unknowns);
    }
    // severity: {resource: level}: the severity of that resource's FAIL, the rule's unless the verdict says otherwise.
    expect.path("severity").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
        findings.stream().filter(f -> f.status() == Status.FAIL && f.resource().id().equals(e.getKey())).findFirst()
            .map(f -> f.severity().id()).orElse("no FAIL"),
        "severity of " + e.getKey()));
    // reachability: {resource: reachable|blocked|unknown}; reachContains: text of some finding's hop list or reason.
    expect.path("reachability").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
        findings.stream().filter(f -> f.resource().id().equals(e.getKey())).findFirst()
            .flatMap(Finding::reachability).map(r -> r.state().id()).orElse("none"),
        "reachability of " + e.getKey()));
    String reaches = findings.stream().flatMap(f -> f.reachability().stream()).map(r -> r.path() + "\n" + r.reason())
        .collect(Collectors.joining("\n"));
    for (JsonNode s : expect.path("reachContains")) {
      assertTrue(reaches.contains(s.asText()), "a reachability contains '" + s.asText() + "'; they are:\n" + reaches);
    }
    String passes = messages(findings, Status.PASS);
    for (JsonNode s : expect.path("passContains")) {
      assertTrue(passes.contains(s.asText()), "a PASS message contains '" + s.asText() + "'; messages:\n" + passes);
    }
    for (JsonNode s : expect.path("fixContains")) {
      String fixes = findings.stream().flatMap(f -> f.remediationCommands().stream()).collect(Collectors.joining("\n"));
      assertTrue(fixes.contains(s.asText()), "a remediation command contains '" + s.asText() + "'; commands:\n" + fixes);
    }
    List<String> unstated = new ArrayList<>();
    for (Finding f : findings) {
      if (f.status() == Status.FAIL && !f.details().isEmpty() && !expect.path("evidence").has(f.resource().id())) {
        unstated.add(f.resource().id() + ": " + f.details().stream().map(d -> "\"" + d + "\"").toList());
      }
    }
    if (!unstated.isEmpty()) {
      throw new AssertionError(casesFile(rule) + ", case '" + c.path("name").asText()
          + "' states the evidence of every FAIL that names its reasons; missing: " + String.join("; ", unstated));
    }
    expect.path("evidence").fields().forEachRemaining(e -> {
      Finding f = findings.stream().filter(x -> x.resource().id().equals(e.getKey())).findFirst()
          .orElseThrow(() -> new AssertionError("no finding on " + e.getKey()));
      List<String> details = new ArrayList<>();
      e.getValue().forEach(d -> details.add(d.asText()));
      assertEquals(details, f.evidence().stream().map(Evidence::detail).toList(), "evidence of " + e.getKey());
    });
  }

  /** The summaries and every evidence's message of the findings of a status. */
  static String messages(List<Finding> findings, Status s) {
    return findings.stream().filter(f -> f.status() == s)
        .flatMap(f -> Stream.concat(Stream.of(f.message()), f.evidence().stream().map(Evidence::message)))
        .collect(Collectors.joining("\n"));
  }

  static Set<String> ids(JsonNode list) {
    Set<String> out = new TreeSet<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Set<String> idsWith(List<Finding> findings, Status s) {
    return findings.stream().filter(f -> f.status() == s).map(f -> f.resource().id()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The catalogue: every rule has cases with at least one FAIL and one PASS; every check is used. */
  @Test
  void catalogueIsComplete() throws IOException {
    List<Rule> rules = rules();
    assertFalse(rules.isEmpty());
    Set<String> usedChecks = new TreeSet<>();
    for (Rule r : rules) {
      usedChecks.add(r.info().check());
      Path cases = casesFile(r);
      assertTrue(Files.isRegularFile(cases), r.name() + " has a fixture " + cases);
      boolean fail = false;
      boolean pass = false;
      for (JsonNode c : YAML.readTree(cases.toFile()).path("cases")) {
        fail |= c.path("expect").path("fail").size() > 0;
        pass |= c.path("expect").path("pass").size() > 0;
      }
      assertTrue(fail, r.name() + " has a case with a FAIL");
      assertTrue(pass, r.name() + " has a case with a PASS");
      assertFalse(r.info().compliance().isEmpty() && r.info().references().isEmpty(), r.name() + " cites references or compliance ids");
    }
    assertEquals(CheckRegistry.standard().all().keySet(), usedChecks, "every registered check is used by a rule");
    try (Stream<Path> files = Files.walk(RULES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".cases.yaml")).toList()) {
        String name = f.getFileName().toString().replace(".cases.yaml", "");
        assertTrue(rules.stream().anyMatch(r -> r.name().equals(name)), "fixture " + f + " belongs to a rule");
      }
    }
  }
}
