package dev.postern.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.BaselineOutcome;
import dev.postern.model.BaselineState;
import dev.postern.model.CollectionError;
import dev.postern.model.Finding;
import dev.postern.model.ResourceKind;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import dev.postern.model.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;

/**
 * Machine-readable report for pipelines and ticketing. Schema: {@code schema/report.schema.json};
 * {@code schemaVersion} changes only additively within a major version. Findings: FAIL and
 * SUPPRESSED always, PASS and UNKNOWN with {@code --show-pass}.
 */
public final class JsonReporter implements Reporter {
  public static final String SCHEMA_VERSION = "1.1";

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.pretty(out)) {
      write(r, o, g);
    }
  }

  @Override
  public void write(ScanResult r, ReportOptions o, java.io.OutputStream out) throws IOException {
    try (JsonGenerator g = JsonOutput.pretty(out)) {
      write(r, o, g);
    }
  }

  private void write(ScanResult r, ReportOptions o, JsonGenerator g) throws IOException {
    {
      g.writeStartObject();
      g.writeStringField("schemaVersion", SCHEMA_VERSION);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "postern");
      g.writeStringField("version", r.toolVersion());
      g.writeEndObject();
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
      for (Finding f : r.findings()) {
        if (f.status().open() || f.status() == Status.UNKNOWN || o.showPass()) writeFinding(g, f);
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
    g.writeStringField("discriminator", f.discriminator());
    g.writeStringField("message", f.message());
    g.writeStringField("remediation", f.rule().remediation());
    writeStrings(g, "remediationCommands", f.remediationCommands());
    writeStrings(g, "compliance", f.rule().compliance());
    writeStrings(g, "references", f.rule().references());
    if (f.baseline().isPresent()) g.writeStringField("baseline", f.baseline().get().id());
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
