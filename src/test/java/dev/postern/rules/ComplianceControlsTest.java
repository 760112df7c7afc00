package dev.postern.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.postern.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every compliance id a built-in rule names is a control of {@code rules/compliance-controls.yaml}
 * (id, framework, title; a severity for Security Hub controls); a rule rated below a control it
 * maps to says why; a rule whose findings may take another severity says when.
 */
class ComplianceControlsTest {
  static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static Map<String, JsonNode> controls() throws IOException {
    JsonNode root = YAML.readTree(Path.of("rules", RuleLoader.CONTROLS_FILE).toFile());
    Map<String, JsonNode> out = new TreeMap<>();
    root.path("controls").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** "rule: id" for each compliance id of {@code rules} that is not a known control. */
  static Set<String> unknownIds(List<Rule> rules, Map<String, JsonNode> controls) {
    Set<String> out = new TreeSet<>();
    for (Rule r : rules) {
      for (String id : r.info().compliance()) if (!controls.containsKey(id)) out.add(r.name() + ": " + id);
    }
    return out;
  }

  @Test
  void everyComplianceIdIsAKnownControl() throws IOException {
    Map<String, JsonNode> controls = controls();
    assertEquals(Set.of(), unknownIds(RuleCasesTest.rules(), controls),
        "compliance ids not in rules/" + RuleLoader.CONTROLS_FILE + " (check the control's text, then add it with its title)");
  }

  @Test
  void anUnknownOrMisnumberedIdIsCaught() throws IOException {
    String yaml = "id: SG-099\nname: x\ntitle: t\nseverity: high\nservice: ec2\nresource: security-group\n"
        + "check: default-group-has-rules\ndescription: d\nremediation: r\ncompliance: [AWS FSBP EC2.13, AWS FSBP EC2.99]\n";
    Rule r = new RuleLoader(CheckRegistry.standard()).parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml", "x.yaml");
    assertEquals(Set.of("x: AWS FSBP EC2.99"), unknownIds(List.of(r), controls()));
  }

  @Test
  void everyControlHasAFrameworkAndTitleAndSecurityHubOnesASeverity() throws IOException {
    Map<String, JsonNode> controls = controls();
    assertTrue(controls.size() > 20, "the list was read: " + controls.keySet());
    for (Map.Entry<String, JsonNode> e : controls.entrySet()) {
      JsonNode c = e.getValue();
      assertFalse(c.path("title").asText().isBlank(), e.getKey() + " has a title");
      String framework = c.path("framework").asText();
      assertTrue(e.getKey().startsWith(framework.replaceAll(" v[0-9.]+$", "") + " "), e.getKey() + " is named after its framework " + framework);
      if (framework.equals("AWS FSBP")) Severity.parse(c.path("severity").asText());
      assertTrue(dev.postern.model.Frameworks.of(e.getKey()).isPresent(), e.getKey() + " belongs to a framework --compliance can name");
    }
    // The ids other engineers' new rules use (merged separately) are listed too.
    for (String id : List.of("AWS FSBP ELB.4", "AWS FSBP ELB.17", "AWS FSBP RDS.10", "AWS FSBP RDS.12", "AWS FSBP RDS.23",
        "AWS FSBP ElastiCache.7", "AWS FSBP ElasticBeanstalk.1", "AWS FSBP ElasticBeanstalk.3", "AWS FSBP EC2.9", "AWS Security Hub EC2.22")) {
      assertTrue(controls.containsKey(id), id);
    }
  }

  @Test
  void aRuleRatedBelowAControlItMapsToSaysWhy() throws IOException {
    Map<String, JsonNode> controls = controls();
    List<String> silent = new ArrayList<>();
    for (Rule r : RuleCasesTest.rules()) {
      for (String id : r.info().compliance()) {
        JsonNode severity = controls.get(id).get("severity");
        if (severity == null) continue;
        Severity control = Severity.parse(severity.asText());
        if (control.atLeast(r.info().severity()) && control != r.info().severity() && r.severityRationale().isEmpty()) {
          silent.add(r.name() + " (" + r.info().severity().id() + ") maps to " + id + " (" + control.id() + ")");
        }
      }
    }
    assertEquals(List.of(), silent, "rules rated below their controls without a severityRationale");
  }

  /** Severity-valued params (e.g. flagOnlySeverity: high, severityByEngine: {memcached: low}) are the context-dependent ones. */
  static Set<Severity> paramSeverities(Rule r) {
    Set<Severity> out = new TreeSet<>();
    r.rawParams().forEach((k, v) -> {
      if (k.endsWith("Severity") && v instanceof String s) out.add(Severity.parse(s));
      if (k.startsWith("severityBy") && v instanceof Map<?, ?> m) m.values().forEach(x -> out.add(Severity.parse(String.valueOf(x))));
    });
    out.remove(r.info().severity());
    return out;
  }

  @Test
  void everyContextDependentSeverityIsStatedInTheRule() {
    for (Rule r : RuleCasesTest.rules()) {
      Set<Severity> stated = new TreeSet<>();
      r.severityWhen().forEach(w -> stated.add(w.severity()));
      assertEquals(paramSeverities(r), stated, r.name() + ": severityWhen states each severity its params give findings, and no other");
    }
  }
}
