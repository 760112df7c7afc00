package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.InternalNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, case 7: error messages named Java classes and Jackson features and gave no path. Each
 * input here provoked such a message on main; now each is one line naming the file (and, for a
 * value, its line and JSON path) with no internal name. {@link Run} checks every message every
 * other test provokes in the same way.
 */
class ErrorMessagesTest {
  @TempDir Path tmp;

  Path cliDir(String name, String json) throws IOException {
    Path d = Files.createDirectories(tmp.resolve("aws-" + name.replace('.', '-')));
    Files.writeString(d.resolve(name), json);
    return d;
  }

  /** The one error line of a refused run, checked for internals. */
  static String refused(Run r) {
    BadInputTest.assertOneLine(r);
    String line = r.err().strip();
    assertNull(InternalNames.leak(line), line);
    return line;
  }

  @Test
  void theDetectorSeesWhatMainPrinted() {
    // The messages issue 13 quotes from main: the check must catch each of them.
    for (String leaked : List.of(
        "not valid elasticache describe-cache-clusters output: Cannot deserialize value of type "
            + "`java.util.ArrayList<software.amazon.awssdk.services.elasticache.model.CacheCluster$BuilderImpl>` from String value",
        "not valid output: Trailing token (of type START_OBJECT) found after value: not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
        "bad params for check 'ingress-from-internet': Unrecognized field \"portz\" (class dev.postern.rules.checks.IngressFromInternetCheck$Params)",
        "malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)")) {
      assertNotNull(InternalNames.leak(leaked), leaked);
    }
  }

  @Test
  void wrongTypeOfAListNamesThePath() throws IOException {
    String line = refused(Run.of("scan", "--from-aws-cli", cliDir("cc.json", "{\n  \"CacheClusters\": \"all\"\n}\n").toString()));
    assertTrue(line.endsWith("cc.json:2: CacheClusters: expected a list, found \"all\""), line);
  }

  @Test
  void wrongTypeDeepInside() throws IOException {
    String json = "{\"Reservations\": [{\"Instances\": [{\"InstanceId\": \"i-1\",\n \"State\": {\"Name\": [\"running\"]}}]}]}";
    String line = refused(Run.of("scan", "--from-aws-cli", cliDir("i.json", json).toString()));
    assertTrue(line.endsWith("i.json:2: Reservations[0].Instances[0].State.Name: expected a string, found a list"), line);
  }

  @Test
  void trailingDocument() throws IOException {
    String line = refused(Run.of("scan", "--from-aws-cli", cliDir("vpc.json", "{\"Vpcs\": []}\n{}\n").toString()));
    assertTrue(line.contains("vpc.json:2: malformed JSON"), line);
  }

  @Test
  void nestingTooDeep() throws IOException {
    String json = "{\"Vpcs\": [{\"NotRead\": " + "[".repeat(1200) + "]".repeat(1200) + "}]}";
    String line = refused(Run.of("scan", "--from-aws-cli", cliDir("vpc.json", json).toString()));
    assertTrue(line.endsWith("vpc.json: cannot read: nested too deeply (more than 1000 levels)"), line);
  }

  @Test
  void truncatedFile() throws IOException {
    String line = refused(Run.of("scan", "--from-aws-cli", cliDir("vpc.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-1\"").toString()));
    assertTrue(line.contains("vpc.json:1: malformed JSON: unexpected end of file"), line);
  }

  Path rule(String params) throws IOException {
    Path d = Files.createDirectories(tmp.resolve("rules/ec2"));
    Files.writeString(d.resolve("my-rule.yaml"), BadInputTest.GOOD.replace("  ports: [6379]\n", params));
    return tmp.resolve("rules");
  }

  @Test
  void ruleParamsOfTheWrongTypeOrUnknown() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String params : List.of("  ports: [six]\n", "  portz: [6379]\n", "  ports: 6379x\n", "  ports: {a: 1}\n", "  match: sometimes\n")) {
      lines.add(refused(Run.of("scan", "--demo", "--rules", rule(params).toString())));
    }
    assertTrue(lines.get(0).endsWith("my-rule.yaml:8: bad params for check 'ingress-from-internet': params.ports: "
        + "'six' is not a port or a port range like 1433-1434"), lines.get(0));
    assertTrue(lines.get(1).contains("unknown key 'portz' (known: "), lines.get(1));
    assertTrue(lines.get(2).contains("params.ports: "), lines.get(2));
    assertTrue(lines.get(3).contains("params.ports: "), lines.get(3));
    assertTrue(lines.get(4).contains("params.match: expected one of "), lines.get(4));
  }

  @Test
  void suppressionsAndBaselineThatAreNotOnes() throws IOException {
    Path sup = Files.writeString(tmp.resolve("sup.yaml"), "suppressions:\n  - rule: [a, b]\n    resource: x\n");
    refused(Run.of("scan", "--demo", "--suppressions", sup.toString()));
    Path badYaml = Files.writeString(tmp.resolve("bad.yaml"), "suppressions: [\n");
    refused(Run.of("scan", "--demo", "--suppressions", badYaml.toString()));
    Path baseline = Files.writeString(tmp.resolve("base.json"), "{\"findings\": \"none\"}");
    refused(Run.of("scan", "--demo", "--baseline", baseline.toString()));
    Path trailing = Files.writeString(tmp.resolve("base2.json"), "{} {}");
    refused(Run.of("scan", "--demo", "--baseline", trailing.toString()));
    Path snapshot = Files.writeString(tmp.resolve("snap.json"), "{\"postern\": {\"snapshot\": [1, 2]}}");
    refused(Run.of("scan", "--from-snapshot", snapshot.toString()));
    assertEquals(2, Run.of("scan", "--from-snapshot", Files.writeString(tmp.resolve("s2.json"), "[" .repeat(1500)).toString()).exit());
  }
}
