package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import dev.postern.report.ReportFormat;
import dev.postern.report.ReportOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each machine format checked by what consumes it: SARIF against the SARIF 2.1.0 schema, JSON
 * against the published schema/report.schema.json, JUnit by a real XML parser, DOT by Graphviz.
 */
class ReportValidationTest {
  /** SARIF 2.1.0 (rtm.5, the OASIS release) schema, as shipped in the npm package @microsoft/jest-sarif (MIT). */
  static final String SARIF_SCHEMA = "/schemas/sarif-2.1.0-rtm.5.json";

  @TempDir Path tmp;

  static String render(ScanResult r, ReportFormat f, boolean showPass) throws IOException {
    StringWriter w = new StringWriter();
    f.reporter().write(r, new ReportOptions(showPass, false, 100), w);
    return w.toString();
  }

  static void assertValid(JsonSchema schema, String json) throws IOException {
    Set<ValidationMessage> errors = schema.validate(Scenarios.JSON.readTree(json));
    assertTrue(errors.isEmpty(), () -> "schema violations: " + errors + "\n" + json);
  }

  static JsonSchema sarifSchema() throws IOException {
    try (InputStream in = ReportValidationTest.class.getResourceAsStream(SARIF_SCHEMA)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  static JsonSchema reportSchema() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("schema/report.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "mixed", "incomplete"})
  void sarifIsValidSarif210(String scenario) throws IOException {
    ScanResult r = Scenarios.named(scenario, tmp);
    JsonSchema schema = sarifSchema();
    for (boolean showPass : List.of(false, true)) {
      String sarif = render(r, ReportFormat.SARIF, showPass);
      assertValid(schema, sarif);
      JsonNode run = Scenarios.JSON.readTree(sarif).get("runs").get(0);
      JsonNode rules = run.get("tool").get("driver").get("rules");
      Set<String> ids = new HashSet<>();
      rules.forEach(rule -> {
        assertTrue(ids.add(rule.get("id").asText()), "rule listed once: " + rule.get("id"));
        assertTrue(rule.get("helpUri").asText().startsWith("https://"));
        assertTrue(rule.get("properties").get("security-severity").asText().matches("\\d+\\.\\d"));
      });
      for (JsonNode res : run.get("results")) {
        assertEquals(res.get("ruleId").asText(), rules.get(res.get("ruleIndex").asInt()).get("id").asText());
        JsonNode loc = res.get("locations").get(0);
        assertTrue(loc.get("physicalLocation").get("artifactLocation").get("uri").asText().matches("aws/\\d{12}/[a-z0-9-]+/[a-z0-9-]+/.+"));
        assertTrue(loc.get("logicalLocations").get(0).get("fullyQualifiedName").asText().startsWith("arn:aws:"));
        assertTrue(res.get("partialFingerprints").get("posternFindingId/v1").asText().startsWith("pf-"));
      }
      JsonNode notes = run.get("invocations").get(0).get("toolExecutionNotifications");
      assertEquals(r.errors().size(), notes.size(), "one notification per collection error");
    }
  }

  @Test
  void theSarifSchemaCatchesBrokenLogs() throws IOException {
    JsonSchema schema = sarifSchema();
    String good = render(Scenarios.named("mixed", tmp), ReportFormat.SARIF, false);
    assertFalse(schema.validate(Scenarios.JSON.readTree(good.replace("\"version\" : \"2.1.0\"", "\"version\" : \"2.0\""))).isEmpty());
    assertFalse(schema.validate(Scenarios.JSON.readTree(good.replace("\"kind\" : \"fail\"", "\"kind\" : \"broken\""))).isEmpty());
    assertFalse(schema.validate(Scenarios.JSON.readTree(good.replaceFirst("\"ruleIndex\" : \\d+", "\"ruleIndex\" : -3"))).isEmpty());
  }

  @Test
  void sarifCarriesSuppressionAndBaselineState() throws IOException {
    JsonNode results = Scenarios.JSON.readTree(render(Scenarios.named("mixed", tmp), ReportFormat.SARIF, false))
        .get("runs").get(0).get("results");
    int suppressed = 0;
    for (JsonNode res : results) {
      assertTrue(Set.of("new", "unchanged").contains(res.get("baselineState").asText()));
      if (res.has("suppressions")) {
        suppressed++;
        assertEquals("accepted", res.get("suppressions").get(0).get("status").asText());
        assertFalse(res.get("suppressions").get(0).get("justification").asText().isEmpty());
      }
    }
    assertEquals(1, suppressed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "mixed", "incomplete"})
  void jsonMatchesThePublishedSchema(String scenario) throws IOException {
    ScanResult r = Scenarios.named(scenario, tmp);
    JsonSchema schema = reportSchema();
    assertValid(schema, render(r, ReportFormat.JSON, false));
    assertValid(schema, render(r, ReportFormat.JSON, true));
  }

  @Test
  void schemaRejectsWhatItShould() throws IOException {
    JsonSchema schema = reportSchema();
    String good = render(Scenarios.named("mixed", tmp), ReportFormat.JSON, false);
    assertTrue(schema.validate(Scenarios.JSON.readTree(good.replace("\"status\" : \"SUPPRESSED\"", "\"status\" : \"MAYBE\""))).size() > 0);
    assertTrue(schema.validate(Scenarios.JSON.readTree(good.replace("\"schemaVersion\" : \"2.1\"", "\"schemaVersion\" : \"1.1\""))).size() > 0);
    assertTrue(schema.validate(Scenarios.JSON.readTree(good.replace("\"evidence\" : [", "\"evidence\" : [ ], \"x\" : ["))).size() > 0,
        "a finding without evidence");
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "mixed", "incomplete"})
  void junitParsesAndCountsAddUp(String scenario) throws Exception {
    ScanResult r = Scenarios.named(scenario, tmp);
    String xml = render(r, ReportFormat.JUNIT, false);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    NodeList suites = root.getElementsByTagName("testsuite");
    int ruleSuites = 0;
    for (int i = 0; i < suites.getLength(); i++) {
      Element s = (Element) suites.item(i);
      if (!s.getAttribute("name").equals("postern.collection")) ruleSuites++;
      assertEquals(Integer.parseInt(s.getAttribute("tests")), s.getElementsByTagName("testcase").getLength());
      assertEquals(Integer.parseInt(s.getAttribute("failures")), s.getElementsByTagName("failure").getLength());
      assertEquals(Integer.parseInt(s.getAttribute("skipped")), s.getElementsByTagName("skipped").getLength());
    }
    assertEquals(r.rules().size(), ruleSuites, "one suite per rule");
    long resources = r.findings().stream().map(f -> f.rule().name() + "|" + f.resource()).distinct().count();
    assertEquals(resources + r.errors().size(), root.getElementsByTagName("testcase").getLength(), "one case per evaluated resource");
    assertEquals(r.count(Status.FAIL) > 0, root.getElementsByTagName("failure").getLength() > 0);
    assertEquals(Integer.parseInt(root.getAttribute("failures")), root.getElementsByTagName("failure").getLength());
  }

  @Test
  void junitSkipsWhatWasNotEvaluated() throws Exception {
    ScanResult r = Scenarios.named("incomplete", tmp);
    dev.postern.model.Finding pass = r.findings().stream().filter(f -> f.status() == Status.PASS).findFirst().orElseThrow();
    dev.postern.model.Finding unknown = dev.postern.model.Finding.single(pass.rule(), pass.severity(), Status.UNKNOWN, pass.resource(),
        "instances were not collected: cannot tell", List.of());
    List<dev.postern.model.Finding> findings = new java.util.ArrayList<>(r.findings());
    findings.set(findings.indexOf(pass), unknown);
    String xml = render(r.withFindings(findings), ReportFormat.JUNIT, false);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    NodeList skipped = doc.getElementsByTagName("skipped");
    List<String> messages = new java.util.ArrayList<>();
    for (int i = 0; i < skipped.getLength(); i++) messages.add(((Element) skipped.item(i)).getAttribute("message"));
    assertTrue(messages.contains("not evaluated: instances were not collected: cannot tell"), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("not collected: NotCollected")), messages.toString());
    assertEquals(String.valueOf(messages.size()), doc.getDocumentElement().getAttribute("skipped"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "mixed", "incomplete", "ielts", "vprofile"})
  void dotIsAcceptedByGraphviz(String scenario) throws Exception {
    Assumptions.assumeTrue(onPath("dot"), "Graphviz 'dot' is not installed (apt-get install graphviz): DOT not checked");
    Path dot = tmp.resolve(scenario + ".dot");
    ScanResult r = Scenarios.NAMES.contains(scenario) ? Scenarios.named(scenario, tmp) : Scenarios.scan(Scenarios.aws(scenario));
    Files.writeString(dot, render(r, ReportFormat.DOT, false));
    Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dot finished");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("<svg"), out);
  }

  @Test
  void failingEdgesAreRedInBothPictures() throws IOException {
    ScanResult r = Scenarios.named("mixed", tmp);
    String dot = render(r, ReportFormat.DOT, false);
    assertTrue(dot.contains("\"internet\" -> \"sg:123456789012/us-east-1/sg-18b12974be05d304b\" [label=\"tcp/22\", color=\"#d62728\""), dot);
    assertTrue(dot.contains("subgraph \"cluster_data\""), dot);
    String mermaid = render(r, ReportFormat.MERMAID, false);
    assertTrue(mermaid.contains("linkStyle "), mermaid);
    String empty = render(Scenarios.named("empty", tmp), ReportFormat.DOT, false);
    assertFalse(empty.contains("#d62728"), "nothing fails, nothing red");
  }

  static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) return true;
    }
    return false;
  }
}
