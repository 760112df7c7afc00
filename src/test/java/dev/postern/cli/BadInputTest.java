package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad flags and bad files: one line on stderr naming the file and place, exit 2, nothing on stdout. */
class BadInputTest {
  @TempDir Path tmp;

  static void assertOneLine(Run r, String... contains) {
    assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
    assertEquals("", r.out(), "nothing on stdout");
    String err = r.err().strip();
    assertTrue(err.startsWith("error: "), err);
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(!err.contains("\tat "), "no stack trace");
    for (String c : contains) assertTrue(err.contains(c), "'" + c + "' in: " + err);
  }

  Path dirWith(String name, String content) throws IOException {
    Path d = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(d.resolve(name), content);
    return d;
  }

  @Test
  void missingDirectory() {
    assertOneLine(Run.of("scan", "--from-aws-cli", tmp.resolve("nope").toString()), "nope", "not a directory");
  }

  @Test
  void truncatedJsonNamesFileAndLine() throws IOException {
    Path d = dirWith("sg.json", "{\n  \"SecurityGroups\": [\n    {\"GroupId\": \"sg-1\",\n");
    assertOneLine(Run.of("scan", "--from-aws-cli", d.toString()), "sg.json:", "malformed JSON");
  }

  @Test
  void wrongShapeOfAKnownKind() throws IOException {
    Path d = dirWith("sg.json", "{\n  \"SecurityGroups\": \"all of them\"\n}\n");
    assertOneLine(Run.of("scan", "--from-aws-cli", d.toString()), "sg.json:2: SecurityGroups: expected a list, found \"all of them\"");
  }

  @Test
  void binaryGarbage() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("bin"));
    Files.write(d.resolve("blob.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3, (byte) 0x89, 'P', 'N', 'G'});
    assertOneLine(Run.of("scan", "--from-aws-cli", d.toString()), "blob.json");
  }

  @Test
  void emptyFile() throws IOException {
    Path d = dirWith("empty.json", "");
    assertOneLine(Run.of("scan", "--from-aws-cli", d.toString()), "empty.json", "empty file");
  }

  @Test
  void unknownKindIsSkippedWithOneWarning() throws IOException {
    Path d = dirWith("tgw.json", "{\"TransitGateways\": []}");
    Files.writeString(d.resolve("sg.json"), "{\"SecurityGroups\": []}");
    Run r = Run.of("scan", "--from-aws-cli", d.toString(), "--region", "us-east-1");
    assertEquals(5, r.exit(), "incomplete: most kinds were not collected; " + r.err());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("warning: ")).count(), r.err());
    assertTrue(r.err().contains("tgw.json"), r.err());
    assertTrue(r.out().contains("scan INCOMPLETE"), r.out());
  }

  @Test
  void aSymlinkedFolderIsFollowed() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("src/test/resources/scenarios/ielts/aws").toAbsolutePath());
    Run r = Run.of("scan", "--from-aws-cli", link.toString(), "--fail-on", "info");
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void unknownOutputFormat() {
    assertOneLine(Run.of("scan", "--demo", "-o", "xml"), "unknown output format 'xml'");
  }

  @Test
  void unknownSeverity() {
    assertOneLine(Run.of("scan", "--demo", "--fail-on", "urgent"), "--fail-on", "unknown severity 'urgent'");
  }

  @Test
  void unknownFlag() {
    assertOneLine(Run.of("scan", "--demo", "--bogus"), "--bogus");
  }

  @Test
  void twoInputsAtOnce() {
    assertOneLine(Run.of("scan", "--demo", "--from-snapshot", "x.json"), "mutually exclusive");
  }

  @Test
  void snapshotThatIsNotOne() throws IOException {
    Path f = tmp.resolve("snap.json");
    Files.writeString(f, "{\"SecurityGroups\": []}");
    assertOneLine(Run.of("scan", "--from-snapshot", f.toString()), "snap.json", "not a postern snapshot");
  }

  @Test
  void missingSnapshot() {
    assertOneLine(Run.of("scan", "--from-snapshot", tmp.resolve("none.json").toString()), "none.json", "not found");
  }

  Path rule(String body) throws IOException {
    Path d = Files.createDirectories(tmp.resolve("rules/ec2"));
    Files.writeString(d.resolve("my-rule.yaml"), body);
    return tmp.resolve("rules");
  }

  static final String GOOD = """
      id: USR-001
      name: my-rule
      title: Redis open to the world
      severity: high
      service: ec2
      resource: security-group
      check: ingress-from-internet
      params:
        match: listed-ports
        ports: [6379]
      description: d
      remediation: r
      """;

  @Test
  void userRuleLoadsAndRuns() throws IOException {
    Run r = Run.of("scan", "--demo", "--rules", rule(GOOD).toString(), "-o", "json", "--show-pass");
    assertEquals(4, r.exit(), r.err());
    assertTrue(r.out().contains("\"ruleName\" : \"my-rule\""), r.out());
  }

  @Test
  void ruleWithUnknownKey() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD + "colour: red\n").toString()), "my-rule.yaml:13", "unknown key 'colour'");
  }

  @Test
  void ruleWithMissingKey() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD.replace("title: Redis open to the world\n", "")).toString()),
        "my-rule.yaml:1", "missing required key 'title'");
  }

  @Test
  void ruleWithBadSeverity() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD.replace("severity: high", "severity: severe")).toString()),
        "my-rule.yaml:4", "unknown severity 'severe'");
  }

  @Test
  void ruleWithUnknownCheck() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD.replace("check: ingress-from-internet", "check: magic")).toString()),
        "my-rule.yaml:7", "unknown check 'magic'");
  }

  @Test
  void ruleWithBadParams() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD.replace("ports: [6379]", "ports: [six]")).toString()),
        "my-rule.yaml:8", "bad params");
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD.replace("ports: [6379]", "portz: [6379]")).toString()),
        "my-rule.yaml:8", "bad params");
  }

  @Test
  void ruleNameMustMatchFile() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule(GOOD.replace("name: my-rule", "name: other-rule")).toString()),
        "my-rule.yaml:2", "must match the file name");
  }

  @Test
  void ruleClashingWithABuiltinName() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("clash/ec2"));
    Files.writeString(d.resolve("sg-open-to-internet.yaml"), GOOD.replace("my-rule", "sg-open-to-internet"));
    assertOneLine(Run.of("scan", "--demo", "--rules", tmp.resolve("clash").toString()), "already used");
  }

  @Test
  void invalidYaml() throws IOException {
    assertOneLine(Run.of("scan", "--demo", "--rules", rule("id: [unclosed\nname: x\n").toString()), "my-rule.yaml", "invalid YAML");
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    Run r = Run.of("scan", "--debug", "--demo", "--rules", rule(GOOD + "colour: red\n").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("\tat "), r.err());
  }
}
