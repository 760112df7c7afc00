package dev.postern.report;

import dev.postern.model.BaselineOutcome;
import dev.postern.model.CollectionError;
import dev.postern.model.ControlChars;
import dev.postern.model.ControlSummary;
import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * GitHub-flavoured Markdown for a pull-request comment or a ticket body: a summary, a findings
 * table, the commands that would fix each FAIL, what a baseline says was resolved, and what could
 * not be collected.
 */
public final class MarkdownReporter implements Reporter {
  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    out.write("## postern: AWS network posture\n\n");
    out.write("**Summary:** " + TableReporter.summary(r) + "\n\n");
    if (o.gate().isPresent()) out.write("**Exit " + o.gate().get().exitCode() + ":** " + cell(o.gate().get().reason()) + "\n\n");
    out.write("Scopes: " + (r.scopes().isEmpty() ? "none" : String.join(", ", r.scopes().stream().map(Findings::scope).toList()))
        + " · postern " + cell(r.toolVersion()) + (r.generatedAt().isEmpty() ? "" : " · generated " + cell(r.generatedAt())) + "\n\n");
    List<Finding> shown = Findings.shown(r, o);
    if (shown.isEmpty()) {
      out.write(r.complete() ? "No findings.\n" : "No findings among what could be collected.\n");
    } else {
      boolean baseline = r.baseline().isPresent();
      out.write("| Severity | Rule | Resource | Scope | Finding |" + (baseline ? " Baseline |" : "") + " Id |\n");
      out.write("| --- | --- | --- | --- | --- |" + (baseline ? " --- |" : "") + " --- |\n");
      for (Finding f : shown) {
        String finding = f.message();
        if (f.reachability().isPresent()) finding += " — " + f.reachability().get().label();
        if (f.suppression().isPresent()) {
          var s = f.suppression().get();
          finding += " — " + (s.expired() ? "suppression expired " : "suppressed until ") + s.expires() + ": " + s.reason();
        }
        out.write("| " + Findings.severityOrStatus(f) + " | `" + f.rule().name() + "` (" + f.rule().id() + ") | "
            + cell(Findings.resource(f)) + " | " + cell(Findings.scope(f.resource().scope())) + " | " + cell(finding) + " |"
            + (baseline ? " " + f.baseline().map(b -> b.id()).orElse("") + " |" : "") + " `" + f.id() + "` |\n");
      }
      writeByRule(out, r);
      List<Finding> fixable = shown.stream().filter(f -> f.status() == Status.FAIL && !f.remediationCommands().isEmpty()).toList();
      if (!fixable.isEmpty()) {
        out.write("\n### Remediation\n\npostern prints these commands; it never runs them. Review before use.\n");
        for (Finding f : fixable) {
          out.write("\n**" + cell(f.rule().name()) + "** on " + cell(Findings.resource(f)) + " (`" + f.id() + "`):\n\n```sh\n");
          for (var e : f.evidence()) {
            if (e.remediationCommands().isEmpty()) continue;
            if (f.evidence().size() > 1) out.write("# " + ControlChars.oneLine(e.detail().isEmpty() ? e.message() : e.detail()) + "\n");
            for (String c : e.remediationCommands()) out.write(ControlChars.oneLine(c) + "\n");
          }
          out.write("```\n");
        }
      }
    }
    if (o.compliance().isPresent()) {
      var controls = ControlSummary.of(r, o.compliance());
      out.write("\n### " + o.compliance().get().title + "\n\n| Control | Status | FAIL | PASS | Not evaluated | Rules |\n| --- | --- | --- | --- | --- | --- |\n");
      for (ControlSummary c : controls) {
        out.write("| " + cell(c.control()) + " | " + c.status() + " | " + c.fail() + " | " + c.pass() + " | " + c.unknown() + " | "
            + cell(String.join(", ", c.rules())) + " |\n");
      }
    }
    if (r.baseline().isPresent()) {
      BaselineOutcome b = r.baseline().get();
      section(out, "Resolved since the baseline", b.resolved());
      section(out, "Not rescanned (not counted resolved)", b.notRescanned());
    }
    if (!r.errors().isEmpty()) {
      out.write("\n### Not collected\n\nResources of these kinds are unknown, not passing.\n\n");
      for (CollectionError e : r.errors()) {
        out.write("- " + cell(e.account() + "/" + e.region() + " " + e.service() + ":" + e.operation() + " " + e.code() + ": " + e.message()) + "\n");
      }
    }
    if (!r.warnings().isEmpty()) {
      out.write("\n### Warnings\n\n");
      for (String w : r.warnings()) out.write("- " + cell(w) + "\n");
    }
  }

  /** FAILs counted per rule: what to fix first. */
  private static void writeByRule(Writer out, ScanResult r) throws IOException {
    Map<String, List<Finding>> byRule = Findings.failsByRule(r);
    if (byRule.size() < 2) return;
    out.write("\n<details><summary>FAIL by rule (" + byRule.size() + " rules)</summary>\n\n| Severity | Rule | Resources | Reasons |\n| --- | --- | --- | --- |\n");
    for (var e : byRule.entrySet()) {
      List<Finding> fs = e.getValue();
      out.write("| " + fs.get(0).severity().id() + " | `" + e.getKey() + "` | " + fs.size() + " | "
          + fs.stream().mapToInt(f -> f.evidence().size()).sum() + " |\n");
    }
    out.write("\n</details>\n");
  }

  private static void section(Writer out, String title, List<Finding> findings) throws IOException {
    if (findings.isEmpty()) return;
    out.write("\n### " + title + " (" + findings.size() + ")\n\n");
    for (Finding f : findings) {
      out.write("- `" + f.rule().name() + "` on " + cell(Findings.resource(f)) + " (" + cell(Findings.scope(f.resource().scope()))
          + ") `" + f.id() + "`\n");
    }
  }

  /** Safe inside a table cell: no pipes, no line breaks, no HTML, no control or bidi characters. */
  static String cell(String s) {
    return ControlChars.oneLine(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
