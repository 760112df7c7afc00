package dev.postern.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.model.CollectionError;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import dev.postern.model.TrustMap;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the platforms accept: GitHub comments (65,536 characters), GitHub code scanning (no PASS
 * results, 25,000 results a run), Mermaid (500 edges, 50,000 characters) — on results far beyond them.
 */
class PlatformLimitsTest {
  private static final Scope SCOPE = new Scope("123456789012", "eu-west-1");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RuleInfo rule(String name, Severity s) {
    return new RuleInfo("SG-" + name.length(), name, "title", s, "ec2", "security-group", "check", "d", "fix", List.of(), List.of());
  }

  /** {@code count} findings: every fifth PASS, every seventh UNKNOWN, the FAILs of every severity, long messages. */
  private static ScanResult result(int count, int errors) {
    return result(count, errors, true);
  }

  private static ScanResult result(int count, int errors, boolean longMessages) {
    List<Finding> findings = new ArrayList<>();
    Severity[] severities = Severity.values();
    for (int i = 0; i < count; i++) {
      Severity sev = severities[(i * 7) % severities.length];
      Status status = i % 5 == 0 ? Status.PASS : i % 7 == 0 ? Status.UNKNOWN : Status.FAIL;
      ResourceRef ref = new ResourceRef("security-group", "sg-" + i, "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-" + i,
          "group-" + i, SCOPE);
      String message = "group sg-" + i + " admits tcp/22 from 0.0.0.0/0 " + "and more ".repeat(longMessages && i % 3 == 0 ? 200 : 3);
      findings.add(new Finding(String.format("pf-%020d", i), rule("rule-" + sev.id(), sev), sev, status, ref, message,
          List.of(new Evidence("tcp/22 from 0.0.0.0/0", message, sev, List.of("aws ec2 revoke-security-group-ingress --group-id sg-" + i)))));
    }
    List<CollectionError> errs = new ArrayList<>();
    for (int i = 0; i < errors; i++) errs.add(new CollectionError("123456789012", "r-" + i, "ec2", "DescribeSecurityGroups", "Throttling", "slow"));
    return new ScanResult("0.1.0", List.of(SCOPE), findings, errs, 5);
  }

  private static String render(Reporter reporter, ScanResult r, ReportOptions o) throws IOException {
    StringWriter w = new StringWriter();
    reporter.write(r, o, w);
    return w.toString();
  }

  @Test
  void markdownFitsAGithubCommentAndSaysWhatItLeftOut() throws IOException {
    ScanResult r = result(20_000, 500);
    String md = render(new MarkdownReporter(), r, new ReportOptions(false, false, 100));
    assertTrue(md.length() <= MarkdownReporter.COMMENT_LIMIT, "markdown is " + md.length() + " characters");
    var m = Pattern.compile("\\*\\*(\\d+) of (\\d+) findings listed\\*\\*").matcher(md);
    assertTrue(m.find(), md.substring(md.length() - 2000));
    long open = r.findings().stream().filter(f -> f.status().open()).count();
    assertEquals(open, Long.parseLong(m.group(2)));
    int listed = Integer.parseInt(m.group(1));
    assertTrue(listed > 50, "a useful number of findings is listed: " + listed);
    // The listed rows are the most severe: no row of a lower severity before one of a higher.
    List<Integer> ranks = Pattern.compile("(?m)^\\| (critical|high|medium|low|info) \\| `[^`]+` \\(").matcher(md).results()
        .map(x -> Severity.parse(x.group(1)).ordinal()).toList();
    assertEquals(listed, ranks.size());
    for (int i = 1; i < ranks.size(); i++) assertTrue(ranks.get(i - 1) <= ranks.get(i), "sorted by severity at row " + i);
    assertTrue(md.contains("… and 480 more collection errors"), "the error list is capped and says so");
    String full = render(new MarkdownReporter(true), r, new ReportOptions(false, false, 100));
    assertTrue(full.length() > MarkdownReporter.COMMENT_LIMIT);
    assertEquals(open, Pattern.compile("(?m)^\\| (critical|high|medium|low|info) \\| `[^`]+` \\(").matcher(full).results().count());
  }

  @Test
  void aSmallReportIsListedWhole() throws IOException {
    ScanResult r = result(40, 1);
    String md = render(new MarkdownReporter(), r, new ReportOptions(false, false, 100));
    assertFalse(md.contains("findings listed"), md);
    assertEquals(r.findings().stream().filter(f -> f.status().open()).count(),
        Pattern.compile("(?m)^\\| (critical|high|medium|low|info) \\| `[^`]+` \\(").matcher(md).results().count());
  }

  @Test
  void sarifHasNoPassResultsEvenWithShowPass() throws IOException {
    ScanResult r = result(100, 0);
    JsonNode run = JSON.readTree(render(new SarifReporter(), r, new ReportOptions(true, false, 100))).get("runs").get(0);
    long open = r.findings().stream().filter(f -> f.status().open()).count();
    assertEquals(open, run.get("results").size());
    run.get("results").forEach(x -> assertEquals("fail", x.get("kind").asText()));
    assertEquals(r.count(Status.PASS), run.at("/properties/notReported/pass").asLong());
    assertEquals(r.count(Status.UNKNOWN), run.at("/properties/notReported/notEvaluated").asLong());
    assertTrue(run.at("/properties/resultsLeftOut").isMissingNode());
    assertEquals("", SarifReporter.leftOut(r));
  }

  @Test
  void sarifKeepsTheMostSevere25000() throws IOException {
    ScanResult r = result(40_000, 0, false);
    JsonNode run = JSON.readTree(render(new SarifReporter(), r, new ReportOptions(false, false, 100))).get("runs").get(0);
    assertEquals(SarifReporter.MAX_RESULTS, run.get("results").size());
    long open = r.findings().stream().filter(f -> f.status().open()).count();
    assertEquals(open - SarifReporter.MAX_RESULTS, run.at("/properties/resultsLeftOut/leftOut").asLong());
    // Every left-out finding is at most as severe as the least severe kept.
    Severity lowestKept = Severity.parse(run.at("/properties/resultsLeftOut/lowestSeverityKept").asText());
    java.util.Set<String> kept = new java.util.HashSet<>();
    run.get("results").forEach(x -> kept.add(x.at("/properties/findingId").asText()));
    for (Finding f : r.findings()) {
      if (f.status().open() && !kept.contains(f.id())) assertFalse(f.severity().ordinal() < lowestKept.ordinal(), f.id());
    }
    assertTrue(SarifReporter.leftOut(r).contains("kept the 25000 most severe"), SarifReporter.leftOut(r));
  }

  /** A chain of {@code n} groups (each admitting the one before), the first open to the Internet, each with a FAIL. */
  private static ScanResult chain(int n, int regions) {
    List<TrustMap.Node> nodes = new ArrayList<>(List.of(new TrustMap.Node("internet", TrustMap.Kind.INTERNET, "Internet", "", "", List.of())));
    List<TrustMap.Edge> edges = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (int reg = 0; reg < regions; reg++) {
      Scope scope = new Scope("123456789012", "region-" + reg);
      for (int i = 0; i < n; i++) {
        String arn = "arn:aws:ec2:" + scope.region() + ":123456789012:security-group/sg-" + i;
        String id = "sg:" + scope + "/sg-" + i;
        nodes.add(new TrustMap.Node(id, TrustMap.Kind.GROUP, "sg-" + i + " (a group with a long name number " + i + ")",
            i == 0 ? "edge" : "data", arn, List.of("rds-instance db-" + i)));
        edges.add(new TrustMap.Edge(i == 0 ? "internet" : "sg:" + scope + "/sg-" + (i - 1), id,
            List.of(new TrustMap.Allow("tcp/443", i == 0 ? "0.0.0.0/0" : "sg-" + (i - 1)))));
        Severity sev = i % 10 == 0 ? Severity.CRITICAL : Severity.LOW;
        findings.add(new Finding(String.format("pf-%d-%06d", reg, i), rule("r", sev), sev, Status.FAIL,
            new ResourceRef("security-group", "sg-" + i, arn, "", scope), "m", List.of(new Evidence("", "m", sev, List.of()))));
      }
    }
    return new ScanResult("0.1.0", List.of(), findings, List.of(), 1, List.of(), Map.of(), new TrustMap(nodes, edges), Optional.empty(),
        List.of(), Map.of());
  }

  @Test
  void mermaidStaysWithinItsDefaultLimitsAndSaysWhatItLeftOut() throws IOException {
    ScanResult r = chain(400, 4);
    String mmd = render(new MermaidReporter(), r, new ReportOptions(false, false, 100));
    long edges = mmd.lines().filter(l -> l.contains(" -->|")).count();
    assertTrue(edges <= MermaidReporter.MAX_EDGES, edges + " edges");
    assertTrue(mmd.length() <= MermaidReporter.MAX_TEXT, mmd.length() + " characters");
    assertTrue(mmd.contains("not drawn (Mermaid draws at most 500 edges"), "a visible note says what was left out");
    assertTrue(mmd.contains("<br/>region-0<br/>"), "labels name the region when several are drawn");
    // --graph all is within the limits too.
    String all = render(new MermaidReporter(), r, new ReportOptions(false, false, 100, Optional.empty(), Optional.empty(), GraphScope.ALL));
    assertTrue(all.lines().filter(l -> l.contains(" -->|")).count() <= MermaidReporter.MAX_EDGES);
    assertTrue(all.length() <= MermaidReporter.MAX_TEXT);
  }

  @Test
  void dotDrawsTheMostSevereFirstWithinItsNodeLimit() throws IOException {
    ScanResult r = chain(400, 4);
    String dot = render(new DotReporter(), r, new ReportOptions(false, false, 100));
    long groups = dot.lines().filter(l -> l.trim().startsWith("\"sg:") && !l.contains(" -> ")).count();
    assertEquals(DotReporter.MAX_NODES - 1, groups, "the Internet and 59 groups");
    assertTrue(dot.contains("\"sg:123456789012/region-0/sg-0\""), "the critical findings' groups come first");
    assertTrue(dot.contains("not drawn (at most 60 nodes are drawn"));
    String all = render(new DotReporter(), r, new ReportOptions(false, false, 100, Optional.empty(), Optional.empty(), GraphScope.ALL));
    assertEquals(1600, all.lines().filter(l -> l.trim().startsWith("\"sg:") && !l.contains(" -> ")).count(), "--graph all draws every group");
  }

  @Test
  void graphOfDrawsOneResourcesNeighbourhood() throws IOException {
    ScanResult r = chain(30, 2);
    assertTrue(GraphScope.names(r, "db-5"));
    assertFalse(GraphScope.names(r, "db-99"));
    String mmd = render(new MermaidReporter(), r, new ReportOptions(false, false, 100, Optional.empty(), Optional.empty(), GraphScope.of("db-5")));
    // db-5's group in both regions, every group that may reach it (sg-0..sg-4 and the Internet), and sg-6 it admits.
    assertEquals(2 * 7 + 1, mmd.lines().filter(l -> l.matches("\\s+n\\d+(\\[|\\(\\().*")).count(), mmd);
    assertFalse(mmd.contains("sg-7 "), mmd);
  }
}
