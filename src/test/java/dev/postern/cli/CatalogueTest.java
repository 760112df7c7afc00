package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules catalogue, the README's copy of it, and shell completion. */
class CatalogueTest {
  static final String START = "<!-- rules:start -->\n";
  static final String END = "<!-- rules:end -->";

  @Test
  void readmeRulesTableIsUpToDate() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int from = readme.indexOf(START);
    int to = readme.indexOf(END);
    assertTrue(from >= 0 && to > from, "README.md has the markers " + START.strip() + " and " + END);
    Scenarios.Run r = Scenarios.run("rules", "list", "-o", "markdown");
    assertEquals(0, r.code(), r.err());
    assertEquals(r.out(), readme.substring(from + START.length(), to),
        "README.md's rules table is out of date: paste the output of 'postern rules list -o markdown' between the markers");
  }

  @Test
  void rulesListJsonHasEveryRuleWithItsMetadata() throws IOException {
    Scenarios.Run r = Scenarios.run("rules", "list", "-o", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode rules = Scenarios.JSON.readTree(r.out());
    assertEquals(Audit.rules(java.util.List.of()).size(), rules.size());
    for (JsonNode n : rules) {
      for (String f : new String[] {"id", "name", "title", "severity", "check", "description", "remediation"}) {
        assertTrue(!n.get(f).asText().isEmpty(), n.get("name") + " has " + f);
      }
      assertTrue(n.get("compliance").isArray() && n.get("params").isObject());
    }
    assertEquals(0, Scenarios.run("rules", "list").code());
    assertEquals(2, Scenarios.run("rules", "list", "-o", "yaml").code());
  }

  @Test
  void rulesShowPrintsEverything() {
    Scenarios.Run byName = Scenarios.run("rules", "show", "sg-admin-port-open-to-internet");
    Scenarios.Run byId = Scenarios.run("rules", "show", "sg-002");
    assertEquals(0, byName.code(), byName.err());
    assertEquals(byName.out(), byId.out());
    for (String s : new String[] {"SG-002", "params:", "ports: [22, 23, 3389, 5900, 5985-5986]", "compliance:  AWS FSBP EC2.13",
        "Remediation:", "https://", "rule: sg-admin-port-open-to-internet", "expires:"}) {
      assertTrue(byName.out().contains(s), s + " in\n" + byName.out());
    }
    Scenarios.Run contextual = Scenarios.run("rules", "show", "rds-publicly-accessible");
    assertTrue(contextual.out().contains("severity:    critical, except:\n  high when PubliclyAccessible is set but no group admits"),
        contextual.out());
    Scenarios.Run json = Scenarios.run("rules", "show", "sg-open-to-internet", "-o", "json");
    assertTrue(json.out().contains("\"severityRationale\" : \"Medium, below FSBP EC2.18 (high)"), json.out());
    Scenarios.Run none = Scenarios.run("rules", "show", "no-such-rule");
    assertEquals(2, none.code());
    assertEquals("error: no-such-rule: no such rule (see 'postern rules list')\n", none.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void completionScriptLoadsInItsShell(String shell, @TempDir Path tmp) throws Exception {
    Scenarios.Run r = Scenarios.run("completion", shell);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("complete -F _complete_postern"), "registers the completion function");
    for (String word : new String[] {"scan", "diff", "rules", "completion", "--baseline", "--suppressions", "sarif"}) {
      assertTrue(r.out().contains(word), word);
    }
    Assumptions.assumeTrue(ReportValidationTest.onPath(shell), shell + " is not installed: script not loaded");
    Path script = tmp.resolve("postern." + shell);
    Files.writeString(script, r.out());
    String check = shell.equals("bash")
        ? "source " + script + " && complete -p postern"
        : "source " + script + " && print ok";
    Process p = new ProcessBuilder(shell, "-c", check).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  @Test
  void fishCompletionNamesSubcommandsOptionsAndValues(@TempDir Path tmp) throws Exception {
    Scenarios.Run r = Scenarios.run("completion", "fish");
    assertEquals(0, r.code(), r.err());
    for (String s : new String[] {"complete -c postern -n '__postern_at' -f -a scan", "-n '__postern_at rules' -f -a show",
        "-n '__postern_at scan' -l baseline -r", "-n '__postern_at completion' -x -a 'bash zsh fish'"}) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
    Assumptions.assumeTrue(ReportValidationTest.onPath("fish"), "fish is not installed: script not loaded");
    Path script = tmp.resolve("postern.fish");
    Files.writeString(script, r.out());
    Process p = new ProcessBuilder("fish", "-c", "source " + script + "; and complete -C 'postern rules '").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("list") && out.contains("show") && !out.contains("scan"), out);
  }

  @Test
  void unknownShellIsAUsageError() {
    assertEquals(2, Scenarios.run("completion", "tcsh").code());
  }
}
