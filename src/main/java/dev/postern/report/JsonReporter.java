package dev.postern.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.BaselineOutcome;
import dev.postern.model.BaselineState;
import dev.postern.model.CollectionError;
import dev.postern.model.ControlSummary;
import dev.postern.model.Frameworks;
import dev.postern.model.Gate;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ResourceKind;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import dev.postern.model.Suppression;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Machine-readable report for pipelines and ticketing. Schema: {@code schema/report.schema.json};
 * {@code schemaVersion} changes only additively within a major version. 2.0: one finding per
 * (rule, resource) with its {@code evidence}; 1.x reports stay readable as baselines (see ReportReader). Findings: FAIL and
 * SUPPRESSED always, PASS and UNKNOWN with {@code --show-pass}.
 */
public final class JsonReporter implements Reporter {
  public static final String SCHEMA_VERSION = "2.1";

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.pretty(out)) {
      write(r, o, g, null);
    }
  }

  /** As UTF-8 bytes; a large findings array is rendered in parallel chunks (same bytes, in order). */
  @Override
  public void write(ScanResult r, ReportOptions o, OutputStream out) throws IOException {
    try (JsonGenerator g = JsonOutput.pretty(out)) {
      write(r, o, g, out);
    }
  }

  /** {@code out}: the stream under {@code g}, for findings rendered apart; null renders them in line. */
  private void write(ScanResult r, ReportOptions o, JsonGenerator g, OutputStream out) throws IOException {
    {
      g.writeStartObject();
      g.writeStringField("schemaVersion", SCHEMA_VERSION);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "postern");
      g.writeStringField("version", r.toolVersion());
      g.writeEndObject();
      if (!r.generatedAt().isEmpty()) g.writeStringField("generatedAt", r.generatedAt());
      g.writeBooleanField("complete", r.complete());
      g.writeArrayFieldStart("scopes");
      for (Scope s : r.scopes()) {
        g.writeStartObject();
        g.writeStringField("account", s.account());
        g.writeStringField("region", s.region());
        g.writeArrayFieldStart("collected");
        for (ResourceKind k : r.collected().getOrDefault(s, Set.of())) g.writeString(k.id());
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      writeSummary(g, r);
      if (o.gate().isPresent()) writeGate(g, o.gate().get());
      writeCompliance(g, r, o);
      g.writeArrayFieldStart("rules");
      for (RuleInfo i : r.rules()) {
        g.writeStartObject();
        g.writeStringField("id", i.id());
        g.writeStringField("name", i.name());
        g.writeStringField("title", i.title());
        g.writeStringField("severity", i.severity().id());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("findings");
      // UNKNOWN always: a later diff must know what this scan could not judge.
      List<Finding> listed = new ArrayList<>();
      for (Finding f : r.findings()) {
        if (f.status().open() || f.status() == Status.UNKNOWN || o.showPass()) listed.add(f);
      }
      if (out != null) {
        g.flush();
        writeChunked(listed, out);
      } else {
        for (Finding f : listed) writeFinding(g, f);
      }
      g.writeEndArray();
      if (r.baseline().isPresent()) {
        BaselineOutcome b = r.baseline().get();
        g.writeObjectFieldStart("baseline");
        g.writeStringField("source", b.source());
        g.writeArrayFieldStart("resolved");
        for (Finding f : b.resolved()) writeFinding(g, f);
        g.writeEndArray();
        g.writeArrayFieldStart("notRescanned");
        for (Finding f : b.notRescanned()) writeFinding(g, f);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeArrayFieldStart("errors");
      for (CollectionError e : r.errors()) {
        g.writeStartObject();
        g.writeStringField("service", e.service());
        g.writeStringField("region", e.region());
        g.writeStringField("account", e.account());
        g.writeStringField("operation", e.operation());
        g.writeStringField("code", e.code());
        g.writeStringField("message", e.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeStrings(g, "warnings", r.warnings());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** Findings per chunk rendered apart, and chunks rendered at once (memory held: about 30 MB). */
  static final int CHUNK = 2048;
  private static final int WINDOW = 8;

  /**
   * The elements of the findings array, as {@link #writeFinding} in line would write them, chunk
   * by chunk in parallel ({@link FindingBytes}), written in order: the first element's lead-in
   * {@code " "} becoming the separator {@code ", "} for every chunk but the first.
   */
  static void writeChunked(List<Finding> findings, OutputStream out) throws IOException {
    int chunks = (findings.size() + CHUNK - 1) / CHUNK;
    for (int from = 0; from < chunks; from += WINDOW) {
      List<FindingBytes> rendered = IntStream.range(from, Math.min(chunks, from + WINDOW)).parallel()
          .mapToObj(c -> renderChunk(findings.subList(c * CHUNK, Math.min(findings.size(), (c + 1) * CHUNK))))
          .toList();
      for (int i = 0; i < rendered.size(); i++) {
        if (from + i > 0) out.write(',');
        rendered.get(i).writeTo(out);
      }
    }
  }

  private static FindingBytes renderChunk(List<Finding> chunk) {
    FindingBytes b = new FindingBytes(chunk.size() * 2048);
    for (Finding f : chunk) b.finding(f);
    return b;
  }

  static void writeGate(JsonGenerator g, Gate gate) throws IOException {
    g.writeObjectFieldStart("gate");
    g.writeStringField("failOn", gate.failOn());
    g.writeNumberField("exitCode", gate.exitCode());
    g.writeStringField("reason", gate.reason());
    g.writeEndObject();
  }

  /** Per control of the rules evaluated (of {@code --compliance}'s framework only, when given): rules and counts. */
  static void writeCompliance(JsonGenerator g, ScanResult r, ReportOptions o) throws IOException {
    g.writeArrayFieldStart("compliance");
    for (ControlSummary c : ControlSummary.of(r, o.compliance())) {
      g.writeStartObject();
      g.writeStringField("control", c.control());
      g.writeStringField("framework", Frameworks.of(c.control()).map(Frameworks::id).orElse(""));
      g.writeStringField("status", c.status().name());
      writeStrings(g, "rules", c.rules());
      g.writeNumberField("fail", c.fail());
      g.writeNumberField("suppressed", c.suppressed());
      g.writeNumberField("pass", c.pass());
      g.writeNumberField("unknown", c.unknown());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeSummary(JsonGenerator g, ScanResult r) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("rules", r.rulesEvaluated());
    g.writeNumberField("fail", r.count(Status.FAIL));
    g.writeNumberField("pass", r.count(Status.PASS));
    g.writeNumberField("unknown", r.count(Status.UNKNOWN));
    g.writeNumberField("suppressed", r.count(Status.SUPPRESSED));
    g.writeObjectFieldStart("failBySeverity");
    for (Severity s : Severity.values()) g.writeNumberField(s.id(), r.failCounts().get(s));
    g.writeEndObject();
    g.writeNumberField("errors", r.errors().size());
    if (r.baseline().isPresent()) {
      g.writeNumberField("new", r.count(BaselineState.NEW));
      g.writeNumberField("existing", r.count(BaselineState.EXISTING));
      g.writeNumberField("worse", r.count(BaselineState.WORSE));
      g.writeNumberField("resolved", r.baseline().get().resolved().size());
      g.writeNumberField("notRescanned", r.baseline().get().notRescanned().size());
    }
    g.writeEndObject();
  }

  static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("ruleId", f.rule().id());
    g.writeStringField("ruleName", f.rule().name());
    g.writeStringField("title", f.rule().title());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("status", f.status().name());
    g.writeObjectFieldStart("resource");
    g.writeStringField("type", f.resource().type());
    g.writeStringField("id", f.resource().id());
    g.writeStringField("arn", f.resource().arn());
    g.writeStringField("name", f.resource().name());
    g.writeStringField("region", f.resource().scope().region());
    g.writeStringField("account", f.resource().scope().account());
    g.writeEndObject();
    g.writeStringField("message", f.message());
    // A finding's only reason says what the finding says: its message and commands are not repeated.
    boolean one = f.evidence().size() == 1;
    g.writeArrayFieldStart("evidence");
    for (Evidence e : f.evidence()) {
      g.writeStartObject();
      g.writeStringField("detail", e.detail());
      if (!one) g.writeStringField("message", e.message());
      g.writeStringField("severity", e.severity().id());
      if (!one) writeStrings(g, "remediationCommands", e.remediationCommands());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("remediation", f.rule().remediation());
    writeStrings(g, "remediationCommands", f.remediationCommands());
    writeStrings(g, "compliance", f.rule().compliance());
    writeStrings(g, "references", f.rule().references());
    if (f.baseline().isPresent()) g.writeStringField("baseline", f.baseline().get().id());
    if (f.reachability().isPresent()) {
      var reach = f.reachability().get();
      g.writeObjectFieldStart("reachability");
      g.writeStringField("state", reach.state().id());
      g.writeStringField("path", reach.path());
      g.writeStringField("reason", reach.reason());
      g.writeEndObject();
    }
    if (f.suppression().isPresent()) {
      Suppression s = f.suppression().get();
      g.writeObjectFieldStart("suppression");
      g.writeStringField("rule", s.rule());
      g.writeStringField("resource", s.resource());
      g.writeStringField("reason", s.reason());
      g.writeStringField("expires", s.expires().toString());
      g.writeBooleanField("expired", s.expired());
      g.writeStringField("owner", s.owner());
      g.writeStringField("ticket", s.ticket());
      g.writeStringField("source", s.source());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }
}
