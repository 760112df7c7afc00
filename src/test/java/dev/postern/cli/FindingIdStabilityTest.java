package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A finding keeps its id across runs, input order, regions added and unrelated changes: baselines,
 * diffs, SARIF fingerprints and tickets all key on it.
 */
class FindingIdStabilityTest {
  static final Scope US_EAST_1 = new Scope("123456789012", "us-east-1");

  @TempDir Path tmp;

  /** id → "rule status resource" for every verdict in {@code scope}. */
  static Map<String, String> ids(ScanResult r, Scope scope) {
    Map<String, String> out = new TreeMap<>();
    for (Finding f : r.findings()) {
      if (f.resource().scope().equals(scope)) out.put(f.id(), f.rule().name() + " " + f.status() + " " + f.resource().id() + " " + String.join(", ", f.details()));
    }
    return out;
  }

  @Test
  void idsArePinned() {
    // The recipe (rule name, account, region, type, id) must not drift between versions. Schema 2
    // dropped the discriminator: a finding that had one reason keeps its schema-1 id (the last two).
    Map<String, String> ids = ids(Scenarios.scan(Scenarios.aws("beanstalk-default-insecure")), US_EAST_1);
    assertEquals("sg-admin-port-open-to-internet FAIL sg-18b12974be05d304b tcp/22 from 0.0.0.0/0", ids.get("pf-18e485478bd4c83533a4"));
    assertEquals("sg-db-port-open-to-internet FAIL sg-623ca5cc7f0087613 tcp/3306 from 0.0.0.0/0", ids.get("pf-723fd74cfcdaaeb05a53"));
    assertEquals("sg-default-group-has-rules FAIL sg-b2a3784f225d10d1d ", ids.get("pf-ccb6cac5e514dcd1c98f"));
    assertEquals("rds-publicly-accessible FAIL awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1 ", ids.get("pf-f1f95e9aed55147fffcb"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"beanstalk-default-insecure", "beanstalk-hardened", "ielts", "vprofile"})
  void sameIdsWhateverTheInputOrder(String scenario) throws IOException {
    ScanResult before = Scenarios.scan(Scenarios.aws(scenario));
    Path copy = Scenarios.copy(Scenarios.aws(scenario), tmp.resolve("reversed"));
    try (Stream<Path> files = Files.list(copy)) {
      for (Path f : files.toList()) {
        JsonNode root = Scenarios.JSON.readTree(f.toFile());
        reverseArrays(root);
        Scenarios.JSON.writeValue(f.toFile(), root);
      }
    }
    ScanResult after = Scenarios.scan(copy);
    Scope scope = before.scopes().get(0);
    assertTrue(ids(before, scope).size() > 0);
    assertEquals(ids(before, scope), ids(after, scope));
    assertEquals(before.findings().stream().map(Finding::id).toList(), after.findings().stream().map(Finding::id).toList(),
        "and in the same order");
  }

  @Test
  void sameIdsWhenARegionIsAdded() {
    ScanResult before = Scenarios.scan(Scenarios.aws("beanstalk-default-insecure"));
    Path both = Scenarios.copy(Scenarios.aws("beanstalk-default-insecure"), tmp.resolve("two-regions"));
    Scenarios.copy(Scenarios.aws("beanstalk-default-insecure"), both.resolve("eu-west-1"));
    ScanResult after = Scenarios.scan(both);
    assertEquals(2, after.scopes().size(), "a second region was scanned: " + after.scopes());
    assertEquals(ids(before, US_EAST_1), ids(after, US_EAST_1));
    Scope eu = new Scope("123456789012", "eu-west-1");
    assertEquals(ids(before, US_EAST_1).size(), ids(after, eu).size());
    assertTrue(Collections.disjoint(ids(after, US_EAST_1).keySet(), ids(after, eu).keySet()), "same resource ids, other region: other ids");
  }

  @Test
  void sameIdsAfterUnrelatedChanges() throws IOException {
    ScanResult before = Scenarios.scan(Scenarios.aws("beanstalk-default-insecure"));
    Path dir = Scenarios.copy(Scenarios.aws("beanstalk-default-insecure"), tmp.resolve("changed"));
    Path sgs = dir.resolve("describe-security-groups.json");
    ObjectNode root = (ObjectNode) Scenarios.JSON.readTree(sgs.toFile());
    ArrayNode groups = root.withArray("SecurityGroups");
    for (JsonNode g : groups) {
      ((ObjectNode) g).put("Description", "changed by hand");
      ((ObjectNode) g).putArray("Tags").addObject().put("Key", "cost-centre").put("Value", "42");
      if (g.get("GroupName").asText().equals("default")) {
        // more rules on the default group: its message changes, its id does not
        ((ArrayNode) g.get("IpPermissionsEgress")).add(((ArrayNode) g.get("IpPermissionsEgress")).get(0).deepCopy());
      }
    }
    ObjectNode extra = groups.get(0).deepCopy();
    extra.put("GroupId", "sg-0aaaaaaaaaaaaaaaa").put("GroupName", "unrelated");
    extra.putArray("IpPermissions");
    groups.add(extra);
    Scenarios.JSON.writeValue(sgs.toFile(), root);
    ScanResult after = Scenarios.scan(dir);
    Map<String, String> a = ids(after, US_EAST_1);
    a.values().removeIf(v -> v.contains("sg-0aaaaaaaaaaaaaaaa"));
    assertEquals(ids(before, US_EAST_1), a);
    List<String> messagesBefore = before.failures().stream().map(Finding::message).toList();
    List<String> messagesAfter = after.failures().stream().map(Finding::message).toList();
    assertTrue(!messagesBefore.equals(messagesAfter), "the change did reach the findings' messages");
    // The added group is a new resource (unused: sg-unused FAILs on it); the others' ids must not move.
    assertEquals(before.failures().stream().map(Finding::id).collect(Collectors.toSet()),
        after.findings().stream().filter(f -> f.status() == Status.FAIL && !f.resource().id().equals("sg-0aaaaaaaaaaaaaaaa"))
            .map(Finding::id).collect(Collectors.toSet()));
  }

  static void reverseArrays(JsonNode n) {
    if (n instanceof ArrayNode a) {
      List<JsonNode> items = new ArrayList<>();
      a.forEach(items::add);
      Collections.reverse(items);
      a.removeAll();
      items.forEach(a::add);
    }
    n.forEach(FindingIdStabilityTest::reverseArrays);
  }
}
