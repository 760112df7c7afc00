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
 * GitHub-flavoured Markdown for a pull-request comment or a ticket body: a summary, the FAILs per
 * rule, a findings table, the commands that would fix each FAIL, what a baseline says was
 * resolved, and what could not be collected. {@code markdown} fits a GitHub comment
 * ({@value #COMMENT_LIMIT} characters): the most severe findings that fit, and a line saying how
 * many were left out; {@code markdown-full} has everything.
 */
public final class MarkdownReporter implements Reporter {
  /** GitHub's limit on the body of an issue or pull-request comment. */
  static final int COMMENT_LIMIT = 65_536;
  /** Room kept for the closing sections (each capped at {@value #LIST_LIMIT} lines) and the left-out line. */
  private static final int LIST_LIMIT = 20;
  private static final int CELL_LIMIT = 400;

  private final boolean full;

  public MarkdownReporter() {
    this(false);
  }

  public MarkdownReporter(boolean full) {
    this.full = full;
  }

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append("## postern: AWS network posture\n\n");
    head.append("**Summary:** " + TableReporter.summary(r) + "\n\n");
    if (o.gate().isPresent()) head.append("**Exit " + o.gate().get().exitCode() + ":** " + cell(o.gate().get().reason()) + "\n\n");
    List<String> scopes = r.scopes().stream().map(Findings::scope).toList();
    String scopeList = scopes.isEmpty() ? "none" : !full && scopes.size() > LIST_LIMIT
        ? String.join(", ", scopes.subList(0, LIST_LIMIT)) + " and " + (scopes.size() - LIST_LIMIT) + " more"
        : String.join(", ", scopes);
    head.append("Scopes: " + scopeList + " · postern " + cell(r.toolVersion()) + (r.generatedAt().isEmpty() ? "" : " · generated "
        + cell(r.generatedAt())) + "\n\n");
    List<Finding> shown = Findings.shown(r, o);
    if (!full) shown = bySeverity(shown);
    StringBuilder tail = new StringBuilder();
    writeTail(tail, r, o);
    if (shown.isEmpty()) {
      out.write(head.toString());
      out.write(r.complete() ? "No findings.\n" : "No findings among what could be collected.\n");
      out.write(tail.toString());
      return;
    }
    boolean baseline = r.baseline().isPresent();
    StringBuilder byRule = new StringBuilder();
    writeByRule(byRule, r, !full);
    String tableHead = "| Severity | Rule | Resource | Scope | Finding |" + (baseline ? " Baseline |" : "") + " Id |\n"
        + "| --- | --- | --- | --- | --- |" + (baseline ? " --- |" : "") + " --- |\n";
    // What the table may use: the limit less everything else, and room for the left-out line.
    long budget = full ? Long.MAX_VALUE : COMMENT_LIMIT - head.length() - byRule.length() - tail.length() - tableHead.length() - 600;
    StringBuilder rows = new StringBuilder();
    int listed = 0;
    for (Finding f : shown) {
      String row = row(f, baseline);
      if (rows.length() + row.length() > budget) break;
      rows.append(row);
      listed++;
    }
    out.write(head.toString());
    if (!full) out.write(byRule.toString());
    out.write(tableHead);
    out.write(rows.toString());
    if (listed < shown.size()) {
      out.write("\n**" + listed + " of " + shown.size() + " findings listed** (most severe first; " + (shown.size() - listed)
          + " left out to fit a GitHub comment). Every finding: `postern scan … -o markdown-full=FILE` or `-o json=FILE`.\n");
    }
    if (full) out.write(byRule.toString());
    List<Finding> fixable = shown.subList(0, listed).stream()
        .filter(f -> f.status() == Status.FAIL && !f.remediationCommands().isEmpty()).toList();
    long room = full ? Long.MAX_VALUE : budget - rows.length();
    StringBuilder fixes = new StringBuilder();
    int fixed = 0;
    for (Finding f : fixable) {
      String block = remediation(f);
      if (fixes.length() + block.length() > room) break;
      fixes.append(block);
      fixed++;
    }
    if (fixed > 0) {
      out.write("\n### Remediation\n\npostern prints these commands; it never runs them. Review before use."
          + (fixed < fixable.size() ? " The " + fixed + " most severe of " + fixable.size() + " (all in -o markdown-full)." : "") + "\n");
      out.write(fixes.toString());
    }
    out.write(tail.toString());
  }

  /** Most severe first; within a severity, the report's order. */
  private static List<Finding> bySeverity(List<Finding> findings) {
    List<Finding> sorted = new java.util.ArrayList<>(findings);
    sorted.sort(java.util.Comparator.comparing((Finding f) -> f.status().open() ? 0 : 1).thenComparing(Finding::severity));
    return sorted;
  }

  private String row(Finding f, boolean baseline) {
    String finding = f.message();
    if (f.reachability().isPresent()) finding += " — " + f.reachability().get().label();
    if (f.suppression().isPresent()) {
      var s = f.suppression().get();
      finding += " — " + (s.expired() ? "suppression expired " : "suppressed until ") + s.expires() + ": " + s.reason();
    }
    return "| " + Findings.severityOrStatus(f) + " | `" + f.rule().name() + "` (" + f.rule().id() + ") | "
        + cell(Findings.resource(f)) + " | " + cell(Findings.scope(f.resource().scope())) + " | " + shortCell(finding) + " |"
        + (baseline ? " " + f.baseline().map(b -> b.id()).orElse("") + " |" : "") + " `" + f.id() + "` |\n";
  }

  /** A long message cut in the comment-sized report (the full one keeps it whole). */
  private String shortCell(String s) {
    String c = cell(s);
    return full || c.length() <= CELL_LIMIT ? c : c.substring(0, CELL_LIMIT - 1) + "…";
  }

  private static String remediation(Finding f) {
    StringBuilder b = new StringBuilder("\n**" + cell(f.rule().name()) + "** on " + cell(Findings.resource(f)) + " (`" + f.id() + "`):\n\n```sh\n");
    for (var e : f.evidence()) {
      if (e.remediationCommands().isEmpty()) continue;
      if (f.evidence().size() > 1) b.append("# " + ControlChars.oneLine(e.detail().isEmpty() ? e.message() : e.detail()) + "\n");
      for (String c : e.remediationCommands()) b.append(ControlChars.oneLine(c) + "\n");
    }
    return b.append("```\n").toString();
  }

  /** Compliance, the baseline's resolved findings, what was not collected, warnings: capped in the comment-sized report. */
  private void writeTail(StringBuilder out, ScanResult r, ReportOptions o) {
    if (o.compliance().isPresent()) {
      var controls = ControlSummary.of(r, o.compliance());
      out.append("\n### " + o.compliance().get().title + "\n\n| Control | Status | FAIL | PASS | Not evaluated | Rules |\n| --- | --- | --- | --- | --- | --- |\n");
      for (ControlSummary c : controls) {
        out.append("| " + cell(c.control()) + " | " + c.status() + " | " + c.fail() + " | " + c.pass() + " | " + c.unknown() + " | "
            + cell(String.join(", ", c.rules())) + " |\n");
      }
    }
    if (r.baseline().isPresent()) {
      BaselineOutcome b = r.baseline().get();
      section(out, "Resolved since the baseline", b.resolved());
      section(out, "Not rescanned (not counted resolved)", b.notRescanned());
    }
    if (!r.errors().isEmpty()) {
      out.append("\n### Not collected\n\nResources of these kinds are unknown, not passing.\n\n");
      List<String> lines = r.errors().stream().map(e -> "- " + shortCell(e.account() + "/" + e.region() + " " + e.service() + ":"
          + e.operation() + " " + e.code() + ": " + e.message()) + "\n").toList();
      capped(out, lines, "collection errors");
    }
    if (!r.warnings().isEmpty()) {
      out.append("\n### Warnings\n\n");
      capped(out, r.warnings().stream().map(w -> "- " + shortCell(w) + "\n").toList(), "warnings");
    }
  }

  private void capped(StringBuilder out, List<String> lines, String what) {
    int n = full ? lines.size() : Math.min(lines.size(), LIST_LIMIT);
    lines.subList(0, n).forEach(out::append);
    if (n < lines.size()) out.append("- … and " + (lines.size() - n) + " more " + what + " (-o markdown-full or -o json has them all)\n");
  }

  /**
   * FAILs counted per rule: what to fix first. In the comment-sized report it comes before the
   * findings, open; in the full one after them, folded.
   */
  private static void writeByRule(StringBuilder out, ScanResult r, boolean first) {
    Map<String, List<Finding>> byRule = Findings.failsByRule(r);
    if (byRule.size() < 2) return;
    String table = "| Severity | Rule | Resources | Reasons |\n| --- | --- | --- | --- |\n";
    out.append(first ? "### FAIL by rule (" + byRule.size() + " rules)\n\n" + table
        : "\n<details><summary>FAIL by rule (" + byRule.size() + " rules)</summary>\n\n" + table);
    for (var e : byRule.entrySet()) {
      List<Finding> fs = e.getValue();
      out.append("| " + fs.get(0).severity().id() + " | `" + e.getKey() + "` | " + fs.size() + " | "
          + fs.stream().mapToInt(f -> f.evidence().size()).sum() + " |\n");
    }
    out.append(first ? "\n### Findings\n\n" : "\n</details>\n");
  }

  private void section(StringBuilder out, String title, List<Finding> findings) {
    if (findings.isEmpty()) return;
    out.append("\n### " + title + " (" + findings.size() + ")\n\n");
    capped(out, findings.stream().map(f -> "- `" + f.rule().name() + "` on " + cell(Findings.resource(f)) + " ("
        + cell(Findings.scope(f.resource().scope())) + ") `" + f.id() + "`\n").toList(), "findings");
  }

  /** Safe inside a table cell: no pipes, no line breaks, no HTML, no control or bidi characters. */
  static String cell(String s) {
    return ControlChars.oneLine(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
