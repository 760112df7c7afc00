package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.Browser;
import dev.postern.MermaidInBrowser;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import dev.postern.report.HtmlReporter;
import dev.postern.report.JsonReporter;
import dev.postern.report.ReportOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The HTML report opened in a real headless Chromium with the network cut: the demo's, and one of
 * 10,000 findings. Whatever the page shows is checked against the JSON report of the same result.
 * Screenshots of the demo's report go to target/screenshots (with -Dscreenshots.update=true also
 * to docs/img, which the README shows).
 */
class HtmlReportBrowserTest {
  private static Browser browser;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Browser.unavailable().isEmpty(), "no Chromium");
    browser = Browser.start(1400, 2000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
  }

  @Test
  void demoReport() throws Exception {
    Path html = dir.resolve("demo.html");
    Path json = dir.resolve("demo.json");
    CliRun run = CliRun.run(Map.of(), false, null, "scan", "--demo", "-o", "html=" + html, "-o", "json=" + json);
    assertEquals(4, run.code(), run.err());
    JsonNode report = CliRun.json(json);
    checkPage(html, report);

    // A path's picture names its hops and their ports, as the finding's message gives them.
    JsonNode path = find(report, "path-internet-to-datastore");
    List<String> hops = hops(path.path("message").asText());
    showFinding(path.path("id").asText());
    assertNamesHops(hops);
    Path shots = Path.of("target", "screenshots");
    browser.screenshot(browser.driver().findElement(By.id("findings")), shots.resolve("html-report-finding.png"));

    // A missing trust link: the two groups and the missing edge.
    JsonNode missing = find(report, "trust-missing-app-to-datastore");
    showFinding(missing.path("id").asText());
    String missingSvg = browser.driver().findElement(By.cssSelector("#finding-detail .picture svg")).getText();
    Matcher m = Pattern.compile("add ingress (\\S+) to (\\S+) from (\\S+)$").matcher(missing.path("message").asText());
    assertTrue(m.find());
    for (int i = 1; i <= 3; i++) assertTrue(missingSvg.contains(m.group(i)), m.group(i) + " missing from " + missingSvg);
    assertTrue(missingSvg.contains("missing " + m.group(1)), missingSvg);
    // Its remediation commands, each with a copy button.
    List<String> commands = new ArrayList<>();
    missing.path("remediationCommands").forEach(c -> commands.add(c.asText()));
    assertFalse(commands.isEmpty());
    assertEquals(commands, browser.driver().findElements(By.cssSelector("#finding-detail .cmd pre")).stream().map(WebElement::getText).toList());
    WebElement copy = browser.driver().findElement(By.cssSelector("#finding-detail .cmd button.copy"));
    copy.click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5)).until(d -> !"Copy".equals(copy.getText()));
    assertEquals("Copied", copy.getText());

    // The data store of the path: its chains from the Internet, and who may reach it.
    String store = path.path("resource").path("id").asText();
    WebElement item = browser.driver().findElement(By.cssSelector("#store-list li[data-store='" + store + "']"));
    item.click();
    WebElement detail = browser.driver().findElement(By.id("store-detail"));
    assertEquals(store, detail.getDomAttribute("data-store"));
    assertTrue(detail.getText().contains("Chains from the Internet"), detail.getText());
    for (String hop : hops) assertTrue(detail.findElement(By.cssSelector(".picture svg")).getText().contains(hop.split(" ")[0]), hop);
    assertTrue(detail.findElements(By.cssSelector("li.chain.open")).size() >= 1, "no open chain listed");

    browser.js("window.scrollTo(0, 0)");
    browser.screenshot(browser.driver().findElement(By.id("overview")), shots.resolve("html-report-overview.png"));
    browser.screenshot(browser.driver().findElement(By.id("stores")), shots.resolve("html-report-store.png"));
    assertEquals(List.of(), browser.consoleErrors());
    assertOnlyTheFile(html);
    if (Boolean.getBoolean("screenshots.update")) {
      Path img = Path.of("docs", "img");
      Files.createDirectories(img);
      for (String n : List.of("html-report-overview.png", "html-report-finding.png", "html-report-store.png")) {
        Files.copy(shots.resolve(n), img.resolve(n), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The demo's Mermaid renders with Mermaid's default configuration; one over its 500-edge limit is refused (so the check can fail). */
  @Test
  void demoMermaidRenders() throws Exception {
    Path mmd = dir.resolve("demo.mmd");
    CliRun run = CliRun.run(Map.of(), false, null, "scan", "--demo", "-o", "mermaid=" + mmd);
    assertEquals(4, run.code(), run.err());
    MermaidInBrowser mermaid = MermaidInBrowser.open(browser, dir.resolve("mermaid"));
    assertEquals(Optional.empty(), mermaid.error(Files.readString(mmd)));
    StringBuilder tooMany = new StringBuilder("flowchart LR\n");
    for (int i = 0; i < 501; i++) tooMany.append("  a").append(i).append(" --> b").append(i).append('\n');
    assertTrue(mermaid.error(tooMany.toString()).orElse("").contains("Edge limit exceeded"), "Mermaid's 500-edge limit");
    assertEquals(List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("Edge limit")).toList());
  }

  @Test
  void tenThousandFindings() throws Exception {
    // -Dhtml.findings=50000 measures the upper size (about 25 s here); 10,000 by default.
    int n = Integer.getInteger("html.findings", 10_000);
    ScanResult r = synthetic(n);
    long t0 = System.nanoTime();
    Path html = dir.resolve("large.html");
    Path json = dir.resolve("large.json");
    ReportOptions o = ReportOptions.plain();
    try (OutputStream out = Files.newOutputStream(html)) {
      new HtmlReporter(List.of()).write(r, o, out);
    }
    long rendered = (System.nanoTime() - t0) / 1_000_000;
    try (OutputStream out = Files.newOutputStream(json)) {
      new JsonReporter().write(r, o, out);
    }
    JsonNode report = CliRun.json(json);
    assertEquals(n, report.path("findings").size());
    t0 = System.nanoTime();
    checkPage(html, report);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.err.println(n + " findings: HTML rendered in " + rendered + " ms (" + Files.size(html) / 1024 + " KB); page opened, checked and"
        + " filtered in " + ms + " ms");

    JsonNode path = find(report, "path-internet-to-datastore");
    showFinding(path.path("id").asText());
    assertNamesHops(hops(path.path("message").asText()));
    assertEquals(List.of(), browser.consoleErrors());
    assertOnlyTheFile(html);
  }

  /** Opens the page; its table lists the JSON report's findings, in order; a severity filter leaves the JSON's count. */
  private static void checkPage(Path html, JsonNode report) {
    browser.open(html, "document.body.getAttribute('data-ready') === 'true'");
    assertEquals(List.of(), browser.consoleErrors());
    List<String> ids = new ArrayList<>();
    report.path("findings").forEach(f -> ids.add(f.path("id").asText()));
    assertEquals(ids, browser.js("return Tabulator.findTable('#findings-table')[0].getData('active').map(function (r) { return r.id; })"));
    // The rows drawn (Tabulator draws those in view): the first findings of the report, in its order.
    List<String> drawn = browser.driver().findElements(By.cssSelector("#findings-table .tabulator-row .finding-id")).stream()
        .map(WebElement::getText).toList();
    assertFalse(drawn.isEmpty(), "no row drawn");
    assertEquals(ids.subList(0, drawn.size()), drawn);
    assertEquals(String.valueOf(ids.size()), count());

    Select severity = new Select(browser.driver().findElement(By.id("filter-severity")));
    for (String s : List.of("high", "low")) {
      long expected = 0;
      for (JsonNode f : report.path("findings")) if (f.path("severity").asText().equals(s)) expected++;
      severity.selectByValue(s);
      assertEquals(String.valueOf(expected), count(), "severity " + s);
      assertNotEquals(String.valueOf(ids.size()), count(), "severity " + s + " filters nothing");
      for (WebElement cell : browser.driver().findElements(By.cssSelector("#findings-table .tabulator-row .sev"))) {
        assertEquals(s, cell.getText());
      }
    }
    severity.selectByValue("");
    assertEquals(String.valueOf(ids.size()), count());
  }

  private static String count() {
    return browser.driver().findElement(By.id("shown-count")).getDomAttribute("data-count");
  }

  /** Finds a finding by its id in the search box and opens its detail. */
  private static void showFinding(String id) {
    WebElement search = browser.driver().findElement(By.id("filter-text"));
    search.clear();
    search.sendKeys(id);
    org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10));
    wait.withMessage(() -> "searching " + id + " left " + count() + " rows: "
        + browser.js("return Tabulator.findTable('#findings-table')[0].getData('active').map(function (r) { return r.id + ' ' + r.rule; })"))
        .until(d -> "1".equals(count()));
    By row = By.xpath("//div[@id='findings-table']//div[contains(@class,'tabulator-row')][.//span[contains(@class,'finding-id') and text()='"
        + id + "']]");
    wait.until(d -> !d.findElements(row).isEmpty());
    browser.driver().findElement(row).click();
    wait.until(d -> id.equals(d.findElement(By.id("finding-detail")).getDomAttribute("data-finding")));
  }

  /** The finding's picture: the Internet, then each hop's group as a node and its ports on the edge into it. */
  private static void assertNamesHops(List<String> hops) {
    WebElement svg = browser.driver().findElement(By.cssSelector("#finding-detail .picture svg"));
    List<String> nodes = svg.findElements(By.cssSelector("g.node title")).stream().map(e -> e.getDomProperty("textContent")).toList();
    List<String> edges = svg.findElements(By.cssSelector("text.edge")).stream().map(WebElement::getText).toList();
    assertTrue(nodes.stream().anyMatch(n -> n.startsWith("Internet")), nodes.toString());
    for (String hop : hops) {
      String[] groupAndPorts = hop.split(" ", 2);
      assertTrue(nodes.stream().anyMatch(n -> n.startsWith(groupAndPorts[0])), groupAndPorts[0] + " is not a node of " + nodes);
      assertTrue(edges.contains(groupAndPorts[1]), groupAndPorts[1] + " is not on an edge: " + edges);
    }
    assertEquals(hops.size(), svg.findElements(By.cssSelector("path.open")).size(), "the path's edges are drawn red");
  }

  private static void assertOnlyTheFile(Path html) {
    String url = html.toUri().toString();
    for (String r : browser.requests()) {
      assertTrue(r.equals(url) || r.startsWith("data:"), "the page asked for " + r);
    }
    assertTrue(browser.requests().contains(url), "the page itself was not seen among the requests: " + browser.requests());
  }

  private static JsonNode find(JsonNode report, String rule) {
    for (JsonNode f : report.path("findings")) if (f.path("ruleName").asText().equals(rule)) return f;
    throw new AssertionError("no finding of " + rule);
  }

  /** "Internet → sg-a tcp/22 → sg-b tcp/3306 (…)" → [sg-a tcp/22, sg-b tcp/3306]. */
  private static List<String> hops(String message) {
    String chain = message.substring("Internet → ".length(), message.indexOf(" ("));
    return List.of(chain.split(" → "));
  }

  /** {@code n} findings over five rules, two accounts and three regions; every tenth an exposure path with its hops. */
  static ScanResult synthetic(int n) {
    List<RuleInfo> rules = new ArrayList<>();
    String[] names = {"path-internet-to-datastore", "sg-open-to-internet", "rds-storage-not-encrypted", "sg-unused", "eb-logs-not-streamed"};
    Severity[] sev = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO};
    for (int i = 0; i < names.length; i++) {
      rules.add(new RuleInfo("R-" + i, names[i], "Title of " + names[i], sev[i], "ec2", "security-group", "check", "d", "Fix it.",
          List.of("https://example.invalid/" + names[i]), List.of("AWS Well-Architected SEC05-BP01")));
    }
    List<Finding> findings = new ArrayList<>();
    List<Scope> scopes = new ArrayList<>();
    for (String a : List.of("111111111111", "222222222222")) {
      for (String reg : List.of("eu-west-1", "us-east-1", "us-west-2")) scopes.add(new Scope(a, reg));
    }
    for (int i = 0; i < n; i++) {
      RuleInfo rule = rules.get(i % 10 == 0 ? 0 : 1 + i % 4);
      Scope scope = scopes.get(i % scopes.size());
      ResourceRef res = new ResourceRef(i % 10 == 0 ? "rds-instance" : "security-group", String.format("res-%05d", i), "", "", scope);
      String message = i % 10 == 0
          ? String.format("Internet → sg-edge%05d tcp/443 → sg-app%05d tcp/8080 → sg-db%05d tcp/5432 (%s): it is not the load balancer", i, i, i, res.label())
          : rule.name() + " on " + res.label() + " <b>not bold</b>";
      Status status = i % 97 == 0 ? Status.SUPPRESSED : Status.FAIL;
      findings.add(new Finding(Finding.idOf(rule.name(), res), rule, rule.severity(), status, res, message,
          List.of(new Evidence("", message, rule.severity(), List.of("aws ec2 revoke-security-group-ingress --group-id sg-" + i)))));
    }
    return new ScanResult("test", scopes, findings, List.of(), rules.size(), rules, Map.of(), null, Optional.empty(), List.of(), Map.of(),
        "2026-01-01T00:00:00Z");
  }
}
