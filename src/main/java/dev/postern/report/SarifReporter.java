package dev.postern.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.BaselineState;
import dev.postern.model.CollectionError;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import dev.postern.model.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for code-scanning dashboards. Rules appear once in {@code tool.driver.rules} and
 * results point at them by {@code ruleIndex}; a resource is a logical location (its ARN) and a
 * made-up artifact {@code aws/<account>/<region>/<type>/<id>}, since dashboards want a physical
 * location; {@code partialFingerprints} carry the stable finding id so a dashboard tracks a
 * finding across runs. Collection errors are tool execution notifications, suppression warnings
 * configuration notifications.
 *
 * <p>Results are the open findings only (FAIL, and SUPPRESSED with its suppression), whatever
 * {@code --show-pass} says: code-scanning dashboards turn every result, {@code kind: pass} included,
 * into an alert. The run's properties count the PASS and not-evaluated verdicts left out. Over
 * GitHub's {@value #MAX_RESULTS} results per run, the most severe are kept and the properties say
 * how many were left out.
 */
public final class SarifReporter implements Reporter {
  /** GitHub code scanning accepts at most this many results per run. */
  public static final int MAX_RESULTS = 25_000;
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT = "posternFindingId/v1";
  private static final String FALLBACK_HELP = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    List<Finding> open = r.findings().stream().filter(f -> f.status().open()).toList();
    List<Finding> shown = mostSevere(open);
    Map<String, RuleInfo> byName = new TreeMap<>();
    r.rules().forEach(i -> byName.put(i.name(), i));
    shown.forEach(f -> byName.putIfAbsent(f.rule().name(), f.rule()));
    Map<String, Integer> index = new LinkedHashMap<>();
    List<RuleInfo> rules = new ArrayList<>(byName.values());
    for (RuleInfo i : rules) index.put(i.name(), index.size());

    try (JsonGenerator g = JsonOutput.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "postern");
      g.writeStringField("version", r.toolVersion());
      g.writeArrayFieldStart("rules");
      for (RuleInfo i : rules) writeRule(g, i);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      writeInvocation(g, r);
      g.writeArrayFieldStart("results");
      for (Finding f : shown) writeResult(g, f, index.get(f.rule().name()));
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      if (shown.size() < open.size()) {
        g.writeObjectFieldStart("resultsLeftOut");
        g.writeNumberField("limit", MAX_RESULTS);
        g.writeNumberField("open", open.size());
        g.writeNumberField("leftOut", open.size() - shown.size());
        g.writeStringField("lowestSeverityKept", shown.get(shown.size() - 1).severity().id());
        g.writeStringField("reason", leftOut(r));
        g.writeEndObject();
      }
      g.writeObjectFieldStart("notReported");
      g.writeNumberField("pass", r.count(Status.PASS));
      g.writeNumberField("notEvaluated", r.count(Status.UNKNOWN));
      g.writeEndObject();
      if (o.gate().isPresent()) JsonReporter.writeGate(g, o.gate().get());
      JsonReporter.writeCompliance(g, r, o);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** The results a run carries: open findings, the most severe {@value #MAX_RESULTS} when there are more. */
  private static List<Finding> mostSevere(List<Finding> open) {
    if (open.size() <= MAX_RESULTS) return open;
    List<Finding> sorted = new ArrayList<>(open);
    sorted.sort(java.util.Comparator.comparing(Finding::severity)); // stable: the report's order within a severity
    return sorted.subList(0, MAX_RESULTS);
  }

  /** What a run over the limit says of it (its properties, and the CLI on stderr); empty when none was left out. */
  public static String leftOut(ScanResult r) {
    List<Finding> all = r.findings().stream().filter(f -> f.status().open()).toList();
    if (all.size() <= MAX_RESULTS) return "";
    List<Finding> kept = mostSevere(all);
    int open = all.size();
    return "SARIF: " + open + " open findings, over GitHub code scanning's limit of " + MAX_RESULTS + " results per run; kept the "
        + MAX_RESULTS + " most severe (down to " + kept.get(kept.size() - 1).severity().id() + "), left out " + (open - MAX_RESULTS)
        + "; the JSON report has them all";
  }

  private static void writeRule(JsonGenerator g, RuleInfo i) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", i.id());
    g.writeStringField("name", i.name());
    text(g, "shortDescription", i.title());
    text(g, "fullDescription", i.description().isEmpty() ? i.title() : i.description());
    g.writeStringField("helpUri", i.references().stream().filter(u -> u.startsWith("https://")).findFirst().orElse(FALLBACK_HELP));
    g.writeObjectFieldStart("help");
    g.writeStringField("text", i.remediation().isEmpty() ? i.title() : i.remediation());
    g.writeEndObject();
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(i));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("security-severity", securitySeverity(i));
    g.writeStringField("problem.severity", switch (i.severity()) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "recommendation";
    });
    g.writeArrayFieldStart("tags");
    g.writeString("security");
    g.writeString("aws");
    if (!i.service().isEmpty()) g.writeString(i.service());
    for (String c : i.compliance()) g.writeString(c);
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeInvocation(JsonGenerator g, ScanResult r) throws IOException {
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", true);
    if (!r.generatedAt().isEmpty()) g.writeStringField("endTimeUtc", r.generatedAt());
    g.writeArrayFieldStart("toolExecutionNotifications");
    for (CollectionError e : r.errors()) {
      g.writeStartObject();
      g.writeStringField("level", "warning");
      text(g, "message", "Not collected: " + e.account() + "/" + e.region() + " " + e.service() + ":" + e.operation()
          + " " + e.code() + ": " + e.message() + ". Resources of this kind are unknown, not passing.");
      g.writeObjectFieldStart("descriptor");
      g.writeStringField("id", e.code().isEmpty() ? "CollectionError" : e.code());
      g.writeEndObject();
      g.writeObjectFieldStart("properties");
      g.writeStringField("service", e.service());
      g.writeStringField("operation", e.operation());
      g.writeStringField("account", e.account());
      g.writeStringField("region", e.region());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("toolConfigurationNotifications");
    for (String w : r.warnings()) {
      g.writeStartObject();
      g.writeStringField("level", "warning");
      text(g, "message", w.startsWith("warning: ") ? w.substring("warning: ".length()) : w);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void writeResult(JsonGenerator g, Finding f, int ruleIndex) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.rule().id());
    g.writeNumberField("ruleIndex", ruleIndex);
    boolean problem = f.status().open();
    g.writeStringField("kind", problem ? "fail" : f.status() == Status.PASS ? "pass" : "open");
    g.writeStringField("level", problem ? level(f.severity()) : "none");
    text(g, "message", message(f));
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", artifactUri(f));
    g.writeEndObject();
    g.writeObjectFieldStart("region");
    g.writeNumberField("startLine", 1);
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("logicalLocations");
    g.writeStartObject();
    g.writeStringField("name", f.resource().id());
    g.writeStringField("fullyQualifiedName", f.resource().arn().isEmpty() ? artifactUri(f) : f.resource().arn());
    g.writeStringField("kind", "resource");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(FINGERPRINT, f.id());
    g.writeEndObject();
    if (f.baseline().isPresent()) g.writeStringField("baselineState", switch (f.baseline().get()) {
      case NEW -> "new";
      case WORSE -> "updated";
      case EXISTING -> "unchanged";
    });
    if (f.status() == Status.SUPPRESSED && f.suppression().isPresent()) {
      Suppression s = f.suppression().get();
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField("justification", s.reason());
      g.writeObjectFieldStart("properties");
      g.writeStringField("expires", s.expires().toString());
      g.writeStringField("owner", s.owner());
      g.writeStringField("ticket", s.ticket());
      g.writeStringField("source", s.source());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("properties");
    g.writeStringField("findingId", f.id());
    g.writeStringField("status", f.status().name());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("ruleName", f.rule().name());
    g.writeStringField("resourceType", f.resource().type());
    if (f.reachability().isPresent()) {
      g.writeStringField("reachability", f.reachability().get().state().id());
      g.writeStringField("reachabilityPath", f.reachability().get().path());
      g.writeStringField("reachabilityReason", f.reachability().get().reason());
    }
    g.writeArrayFieldStart("evidence");
    for (Evidence e : f.evidence()) {
      g.writeStartObject();
      g.writeStringField("detail", e.detail());
      g.writeStringField("message", e.message());
      g.writeStringField("severity", e.severity().id());
      g.writeArrayFieldStart("remediationCommands");
      for (String c : e.remediationCommands()) g.writeString(c);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("remediationCommands");
    for (String c : f.remediationCommands()) g.writeString(c);
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The summary, and with several reasons each of them on a line of its own. */
  static String message(Finding f) {
    if (f.evidence().size() < 2) return f.message();
    StringBuilder b = new StringBuilder(f.message()).append("\n\nEvidence (").append(f.evidence().size()).append("):");
    for (Evidence e : f.evidence()) b.append("\n- ").append(e.message());
    return b.toString();
  }

  /** {@code aws/123456789012/us-east-1/security-group/sg-0a1b}: never empty, each segment URI-encoded. */
  static String artifactUri(Finding f) {
    var s = f.resource().scope();
    return "aws/" + segment(s.account(), "unknown-account") + "/" + segment(s.region(), "unknown-region") + "/"
        + segment(f.resource().type(), "resource") + "/" + segment(f.resource().id(), "unknown");
  }

  private static String segment(String s, String ifEmpty) {
    return URLEncoder.encode(s.isEmpty() ? ifEmpty : s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String level(RuleInfo i) {
    return level(i.severity());
  }

  static String level(dev.postern.model.Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub's scale: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
  static String securitySeverity(RuleInfo i) {
    return switch (i.severity()) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }

  private static void text(JsonGenerator g, String field, String text) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("text", text);
    g.writeEndObject();
  }
}
