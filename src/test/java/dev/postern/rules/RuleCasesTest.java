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

  static List<Verdict> evaluate(Rule rule, JsonNode aws) {
    return evaluate(rule, aws, Set.of());
  }

  /** {@code notCollected}: kinds the case's world lacks (ids as in snapshots, e.g. {@code network-interfaces}). */
  static List<Verdict> evaluate(Rule rule, JsonNode aws, Set<ResourceKind> notCollected) {
    List<JsonNode> docs = new ArrayList<>();
    aws.forEach(docs::add);
    var graph = TrustGraph.build(InventoryAssembler.assemble(AwsCliReader.fromDocuments(SCOPE, docs, notCollected)));
    return rule.evaluate(graph);
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

  static void runCase(Rule rule, JsonNode c) {
    Set<ResourceKind> notCollected = new TreeSet<>();
    c.path("notCollected").forEach(k -> notCollected.add(ResourceKind.fromId(k.asText())));
    List<Verdict> verdicts = evaluate(ruleFor(rule, c), c.path("aws"), notCollected);
    JsonNode expect = c.path("expect");
    assertEquals(ids(expect.path("fail")), idsWith(verdicts, Status.FAIL), "FAIL resources");
    if (expect.has("pass")) assertEquals(ids(expect.path("pass")), idsWith(verdicts, Status.PASS), "PASS resources");
    if (expect.has("unknown")) assertEquals(ids(expect.path("unknown")), idsWith(verdicts, Status.UNKNOWN), "UNKNOWN resources");
    String messages = verdicts.stream().filter(v -> v.status() == Status.FAIL).map(Verdict::message).collect(Collectors.joining("\n"));
    for (JsonNode s : expect.path("messageContains")) {
      assertTrue(messages.contains(s.asText()), "a FAIL message contains '" + s.asText() + "'; messages:\n" + messages);
    }
    String unknowns = verdicts.stream().filter(v -> v.status() == Status.UNKNOWN).map(Verdict::message).collect(Collectors.joining("\n"));
    for (JsonNode s : expect.path("unknownContains")) {
      assertTrue(unknowns.contains(s.asText()), "an UNKNOWN message contains '" + s.asText() + "'; messages:\n" + unknowns);
    }
    for (JsonNode s : expect.path("fixContains")) {
      String fixes = verdicts.stream().flatMap(v -> v.remediationCommands().stream()).collect(Collectors.joining("\n"));
      assertTrue(fixes.contains(s.asText()), "a remediation command contains '" + s.asText() + "'; commands:\n" + fixes);
    }
  }

  static Set<String> ids(JsonNode list) {
    Set<String> out = new TreeSet<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Set<String> idsWith(List<Verdict> verdicts, Status s) {
    return verdicts.stream().filter(v -> v.status() == s).map(v -> v.resource().id()).collect(Collectors.toCollection(TreeSet::new));
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
