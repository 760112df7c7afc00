package dev.postern.scenarios;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.cli.Run;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design documents' architectures, captured as AWS CLI JSON from moto, scored against their
 * expected findings (scenarios/expected.json): every must-report FAIL with its rule, resource,
 * severity and message; no noise; no secret in any output; the exit code.
 */
class ReferenceScenariosTest {
  static final Path DIR = Path.of("src/test/resources/scenarios");
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> scenarios() throws Exception {
    JsonNode all = JSON.readTree(DIR.resolve("expected.json").toFile()).path("scenarios");
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) all::fields) {
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> score(e.getKey(), e.getValue())));
    }
    return tests.stream();
  }

  void score(String name, JsonNode exp) throws Exception {
    Path report = tmp.resolve(name + ".json");
    Run run = Run.of("scan", "--from-aws-cli", DIR.resolve(name).resolve("aws").toString(),
        "-o", "json=" + report, "--fail-on", exp.path("fail_on").asText());
    String json = Files.readString(report);
    List<JsonNode> fails = new ArrayList<>();
    JSON.readTree(json).path("findings").forEach(f -> { if (f.path("status").asText().equals("FAIL")) fails.add(f); });
    List<Runnable> checks = new ArrayList<>();

    for (JsonNode must : exp.path("must")) {
      checks.add(() -> {
        List<JsonNode> hits = fails.stream().filter(f -> f.path("ruleName").asText().equals(must.path("rule").asText()) && concerns(must, f)).toList();
        assertFalse(hits.isEmpty(), "MISSING " + must.path("rule").asText() + " on " + must.path("resources").get(0).asText());
        hits.forEach(h -> assertEquals(must.path("severity").asText(), h.path("severity").asText(), "severity of " + must.path("rule").asText()));
        if (must.has("message_contains")) {
          boolean good = hits.stream().anyMatch(h -> {
            for (JsonNode s : must.path("message_contains")) if (!h.path("message").asText().contains(s.asText())) return false;
            return true;
          });
          assertTrue(good, must.path("rule").asText() + " message contains " + must.path("message_contains"));
        }
      });
    }
    for (JsonNode f : fails) {
      checks.add(() -> {
        String rule = f.path("ruleName").asText();
        String severity = f.path("severity").asText();
        for (JsonNode m : exp.path("must")) if (m.path("rule").asText().equals(rule) && concerns(m, f)) return;
        for (JsonNode m : exp.path("may")) {
          if (!m.path("rule").asText().equals(rule) || !concerns(m, f)) continue;
          if (m.has("max_severity") ? rank(severity) <= rank(m.path("max_severity").asText()) : m.path("severity").asText(severity).equals(severity)) return;
        }
        boolean quiet = false;
        for (JsonNode q : exp.path("quiet")) quiet |= silenced(q, f);
        assertFalse(quiet || rank(severity) >= rank(exp.path("noise_from").asText()),
            "NOISE " + rule + " (" + severity + ") on " + f.path("resource").path("id").asText() + ": " + f.path("message").asText());
      });
    }
    for (JsonNode secret : exp.path("secrets")) {
      checks.add(() -> {
        for (String output : List.of(json, run.out(), run.err())) {
          assertFalse(output.contains(secret.asText()), "LEAK of a seeded secret");
        }
      });
    }
    checks.add(() -> assertEquals(exp.path("expected_exit").asInt(), run.exit(), "exit code; stderr: " + run.err()));
    assertAll(checks.stream().map(r -> r::run));
  }

  static boolean concerns(JsonNode entry, JsonNode finding) {
    if (entry.path("resources").isTextual() && entry.path("resources").asText().equals("*")) return true;
    for (JsonNode r : entry.path("resources")) {
      if (r.asText().equals(finding.path("resource").path("id").asText()) || r.asText().equals(finding.path("resource").path("arn").asText())) return true;
    }
    return false;
  }

  static boolean silenced(JsonNode quiet, JsonNode f) {
    if (!concerns(quiet, f)) return false;
    if (quiet.path("rules").isTextual() && quiet.path("rules").asText().equals("*")) return rank(f.path("severity").asText()) >= rank("medium");
    for (JsonNode pattern : quiet.path("rules")) {
      if (FileSystems.getDefault().getPathMatcher("glob:" + pattern.asText()).matches(Path.of(f.path("ruleName").asText()))) return true;
    }
    return false;
  }

  static int rank(String severity) {
    int i = SEVERITIES.indexOf(severity);
    return i < 0 ? SEVERITIES.size() : i;
  }
}
