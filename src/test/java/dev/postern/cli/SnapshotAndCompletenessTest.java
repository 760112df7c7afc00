package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotAndCompletenessTest {
  static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"vprofile", "ielts", "beanstalk-hardened", "beanstalk-default-insecure"})
  void savedSnapshotReproducesTheSameReport(String scenario) throws IOException {
    Path snap = tmp.resolve("s.json");
    Path a = tmp.resolve("a.json");
    Path b = tmp.resolve("b.json");
    Run first = Run.of("scan", "--from-aws-cli", SCENARIOS.resolve(scenario + "/aws").toString(), "--save-snapshot", snap.toString(),
        "-o", "json=" + a, "--show-pass");
    Run again = Run.of("scan", "--from-snapshot", snap.toString(), "-o", "json=" + b, "--show-pass");
    assertEquals(first.exit(), again.exit());
    assertEquals(Files.readString(a), Files.readString(b));
    assertEquals(first.out(), again.out(), "table output too");
  }

  /**
   * Snapshots are written compact, a response to a line; one written pretty-printed (as postern
   * did before) or on a single line reads the same, and gives the same report.
   */
  @ParameterizedTest
  @ValueSource(strings = {"vprofile", "beanstalk-default-insecure"})
  void compactPrettyAndOneLineSnapshotsGiveTheSameReport(String scenario) throws IOException {
    Path snap = tmp.resolve("s.json");
    Path a = tmp.resolve("a.json");
    Run first = Run.of("scan", "--from-aws-cli", SCENARIOS.resolve(scenario + "/aws").toString(), "--save-snapshot", snap.toString(),
        "-o", "json=" + a, "--show-pass");
    String compact = Files.readString(snap);
    JsonNode tree = JSON.readTree(compact);
    long responses = 0;
    for (JsonNode sc : tree.path("scopes")) responses += sc.path("responses").size();
    assertTrue(responses > 3, "the scenario has responses to lay out");
    assertTrue(compact.lines().filter(l -> l.startsWith("{\"command\":")).count() == responses, "a response to a line:\n" + compact);
    assertFalse(compact.contains("\n  "), "no indentation");
    Path pretty = Files.writeString(tmp.resolve("pretty.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    Path oneLine = Files.writeString(tmp.resolve("one.json"), JSON.writeValueAsString(tree));
    for (Path in : new Path[] {pretty, oneLine}) {
      Path b = tmp.resolve("b.json");
      Run again = Run.of("scan", "--from-snapshot", in.toString(), "-o", "json=" + b, "--show-pass");
      assertEquals(first.exit(), again.exit(), again.err());
      assertEquals(Files.readString(a), Files.readString(b), in.toString());
      assertEquals(first.out(), again.out(), "table output too");
    }
  }

  @Test
  void secretsNeverReachASnapshotOrAReport() throws IOException {
    Path snap = tmp.resolve("s.json");
    Path report = tmp.resolve("r.json");
    Run r = Run.of("scan", "--from-aws-cli", SCENARIOS.resolve("beanstalk-default-insecure/aws").toString(),
        "--save-snapshot", snap.toString(), "-o", "json=" + report, "--show-pass");
    String seeded = Files.readString(SCENARIOS.resolve("beanstalk-default-insecure/aws/describe-configuration-settings.json"));
    JsonNode secrets = JSON.readTree(SCENARIOS.resolve("expected.json").toFile()).path("scenarios").path("beanstalk-default-insecure").path("secrets");
    assertTrue(secrets.size() > 0);
    for (JsonNode s : secrets) {
      assertTrue(seeded.contains(s.asText()), "the input holds the secret, so the test means something");
      for (String out : new String[] {Files.readString(snap), Files.readString(report), r.out(), r.err()}) {
        assertFalse(out.contains(s.asText()), "secret leaked");
      }
    }
    assertTrue(Files.readString(snap).contains("redacted by postern"));
  }

  @Test
  void aPasswordInAConnectionUrlIsRedactedButTheUrlStillWiresTheApp() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("url"));
    try (Stream<Path> files = Files.list(SCENARIOS.resolve("vprofile/aws"))) {
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        if (f.getFileName().toString().equals("describe-configuration-settings.json")) {
          text = text.replace("\"Value\": \"vprofile-rds-mysql.", "\"Value\": \"mysql://admin:url-secret-42@vprofile-rds-mysql.");
        }
        Files.writeString(dir.resolve(f.getFileName()), text);
      }
    }
    assertTrue(Files.readString(dir.resolve("describe-configuration-settings.json")).contains("url-secret-42"));
    Path snap = tmp.resolve("s.json");
    Run r = Run.of("scan", "--from-aws-cli", dir.toString(), "--save-snapshot", snap.toString(), "-o", "json", "--fail-on", "critical");
    assertFalse(r.out().contains("url-secret-42") || r.err().contains("url-secret-42") || Files.readString(snap).contains("url-secret-42"));
    assertTrue(r.out().contains("\"ruleName\" : \"trust-missing-app-to-datastore\""), "the redacted URL still names the database");
    assertTrue(r.out().contains("RDS_HOSTNAME holds a literal credential: password in a connection URL"), r.out());
  }

  @Test
  void outputDoesNotDependOnFileNamesOrOrder() throws IOException {
    Path renamed = Files.createDirectories(tmp.resolve("renamed"));
    try (Stream<Path> files = Files.list(SCENARIOS.resolve("beanstalk-default-insecure/aws"))) {
      int n = 0;
      for (Path f : files.sorted().toList()) {
        Files.copy(f, renamed.resolve((char) ('z' - n++) + "-capture.json"));
      }
    }
    Run original = Run.of("scan", "--from-aws-cli", SCENARIOS.resolve("beanstalk-default-insecure/aws").toString(), "-o", "json", "--show-pass");
    Run shuffled = Run.of("scan", "--from-aws-cli", renamed.toString(), "-o", "json", "--show-pass");
    assertEquals(original.out(), shuffled.out());
  }

  @Test
  void aMissingKindMakesTheScanIncompleteAndItsResourcesUnjudged() throws IOException {
    Path partial = Files.createDirectories(tmp.resolve("partial"));
    try (Stream<Path> files = Files.list(SCENARIOS.resolve("ielts/aws"))) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("describe-security-groups.json")) Files.copy(f, partial.resolve(f.getFileName()));
      }
    }
    Run r = Run.of("scan", "--from-aws-cli", partial.toString(), "-o", "json", "--show-pass", "--fail-on", "info");
    assertEquals(5, r.exit(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertFalse(report.path("complete").asBoolean());
    boolean named = false;
    for (JsonNode e : report.path("errors")) named |= e.path("operation").asText().equals("DescribeSecurityGroups") && e.path("code").asText().equals("NotCollected");
    assertTrue(named, report.path("errors").toString());
    for (JsonNode f : report.path("findings")) {
      String rule = f.path("ruleName").asText();
      if (rule.startsWith("sg-") || rule.startsWith("trust-") || rule.startsWith("path-")) {
        assertFalse(f.path("status").asText().equals("PASS"), "no PASS without security groups: " + rule + " " + f.path("resource").path("id").asText());
      }
    }
  }

  @Test
  void missingEnvironmentSettingsAreNamedAndTheirRulesUnknown() throws IOException {
    Path partial = Files.createDirectories(tmp.resolve("noeb"));
    try (Stream<Path> files = Files.list(SCENARIOS.resolve("beanstalk-default-insecure/aws"))) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("describe-configuration-settings.json")) Files.copy(f, partial.resolve(f.getFileName()));
      }
    }
    Run r = Run.of("scan", "--from-aws-cli", partial.toString(), "-o", "json", "--show-pass", "--fail-on", "critical");
    JsonNode report = JSON.readTree(r.out());
    assertTrue(report.path("errors").toString().contains("configuration settings of environment quickstart-app-env not collected"), report.path("errors").toString());
    for (JsonNode f : report.path("findings")) {
      if (f.path("ruleName").asText().equals("eb-plaintext-secret-in-environment")) {
        throw new AssertionError("no verdict without settings: " + f);
      }
      if (f.path("ruleName").asText().equals("eb-managed-updates-disabled")) {
        assertEquals("UNKNOWN", f.path("status").asText(), "neither PASS nor FAIL without settings: " + f);
        assertTrue(f.path("message").asText().contains("capture them: aws elasticbeanstalk describe-configuration-settings"), f.toString());
      }
    }
    assertEquals(4, r.exit(), "critical findings remain and win over incomplete");
  }
}
