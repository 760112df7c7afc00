package dev.postern.report;

import dev.postern.model.BaselineOutcome;
import dev.postern.model.BaselineState;
import dev.postern.model.CollectionError;
import dev.postern.model.ControlChars;
import dev.postern.model.ControlSummary;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.Frameworks;
import dev.postern.model.ScanResult;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The terminal report: one header line per finding (severity, rule, resource) and its message
 * wrapped beneath, then the commands that would fix it; sorted by status, severity, rule and
 * resource; then a summary line, what a baseline says was resolved, and any collection errors.
 * Colour only when the options say so. Resource data reaches the terminal only through
 * {@link #text}, so a name holding {@code ESC[2J} or U+202E is shown, not obeyed.
 */
public final class TableReporter implements Reporter {
  private static final String RESET = "\u001b[0m";
  private static final String INDENT = "            ";

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    int width = Math.max(40, o.width());
    List<Finding> shown = Findings.shown(r, o);
    if (shown.isEmpty()) {
      out.write(r.complete() ? "No findings.\n" : "No findings among what could be collected.\n");
    } else {
      int ruleWidth = Math.min(Math.min(34, width - INDENT.length() - 2 - 16), shown.stream().mapToInt(f -> f.rule().name().length()).max().orElse(10));
      out.write(pad("SEVERITY", 10) + "  " + pad("RULE", ruleWidth) + "  RESOURCE\n");
      for (Finding f : shown) {
        String sevCell = pad(Findings.severityOrStatus(f), 10);
        if (o.color()) sevCell = colour(f) + sevCell + RESET;
        String marker = f.baseline().map(b -> switch (b) {
          case NEW -> "  NEW";
          case WORSE -> "  WORSE";
          case EXISTING -> "  existing";
        }).orElse("");
        // The resource's name only when the line still fits, else its id, shortened with an
        // ellipsis when even that is too long; the message names it in full anyway.
        int room = width - INDENT.length() - ruleWidth - 2 - marker.length();
        String resource = text(Findings.resource(f));
        if (TextLayout.width(resource) > room) resource = TextLayout.ellipsize(text(f.resource().type() + " " + f.resource().id()), room);
        String head = pad(TextLayout.ellipsize(f.rule().name(), ruleWidth), ruleWidth) + "  " + resource + marker;
        out.write(sevCell + "  " + head + "\n");
        String where = Findings.scope(f.resource().scope());
        for (String line : TextLayout.wrap(text((where.isEmpty() ? "" : where + ": ") + f.message()), width - INDENT.length())) out.write(INDENT + line + "\n");
        if (f.reachability().isPresent()) {
          for (String line : TextLayout.wrap(text(f.reachability().get().label()), width - INDENT.length())) out.write(INDENT + line + "\n");
        }
        if (f.suppression().isPresent()) {
          var s = f.suppression().get();
          String text = (s.expired() ? "suppression EXPIRED on " : "suppressed until ") + s.expires() + " by " + s.source()
              + ": " + s.reason() + (s.ticket().isEmpty() ? "" : " [" + s.ticket() + "]");
          for (String line : TextLayout.wrap(text(text), width - INDENT.length())) out.write(INDENT + line + "\n");
        }
        if (f.evidence().size() > 1) {
          for (Evidence e : f.evidence()) {
            List<String> lines = TextLayout.wrap(text(e.detail().isEmpty() ? e.message() : e.detail()), width - INDENT.length() - 2);
            for (int i = 0; i < lines.size(); i++) out.write(INDENT + (i == 0 ? "· " : "  ") + lines.get(i) + "\n");
            if (f.status() == Status.FAIL) writeFixes(out, e.remediationCommands(), INDENT + "  ", width);
          }
        } else if (f.status() == Status.FAIL) {
          writeFixes(out, f.remediationCommands(), INDENT, width);
        }
      }
    }
    out.write("\n");
    writeByRule(out, r, width);
    if (r.scopes().size() > 1) writeByScope(out, r, width);
    if (o.compliance().isPresent()) writeCompliance(out, r, o.compliance().get(), width);
    for (String line : TextLayout.wrapParts(summary(r) + o.gate().map(g -> " · exit " + g.exitCode() + ": " + g.reason()).orElse(""),
        " · ", "  ", width)) {
      out.write(line + "\n");
    }
    out.write("postern " + text(r.toolVersion()) + (r.generatedAt().isEmpty() ? "" : " · generated " + text(r.generatedAt())) + "\n");
    if (r.baseline().isPresent()) {
      BaselineOutcome b = r.baseline().get();
      if (!b.resolved().isEmpty()) {
        out.write("Resolved since the baseline (" + b.resolved().size() + "):\n");
        for (Finding f : b.resolved()) {
          for (String l : TextLayout.hanging(f.rule().name() + "  " + text(Findings.resource(f)) + "  " + f.id(), "  ", "    ", width)) out.write(l + "\n");
        }
      }
      if (!b.notRescanned().isEmpty()) {
        out.write("Not rescanned, so not counted resolved (" + b.notRescanned().size() + "):\n");
        for (Finding f : b.notRescanned()) {
          for (String l : TextLayout.hanging(f.rule().name() + "  " + text(Findings.resource(f)) + "  " + f.id(), "  ", "    ", width)) out.write(l + "\n");
        }
      }
    }
    if (!r.errors().isEmpty()) {
      out.write("Not collected (" + r.errors().size() + "): resources of these kinds are unknown, not passing\n");
      for (CollectionError e : r.errors()) {
        String line = e.account() + "/" + e.region() + " " + e.service() + ":" + e.operation() + " " + e.code() + ": " + e.message();
        for (String l : TextLayout.hanging(text(line), "  ", "    ", width)) out.write(l + "\n");
      }
    }
  }

  private static void writeFixes(Writer out, List<String> commands, String indent, int width) throws IOException {
    for (String c : commands) {
      for (String line : TextLayout.wrapCommand(text(c), indent + "fix: ", indent + "       ", width)) out.write(line + "\n");
    }
  }

  /** The FAILs counted per rule, most severe first: what to fix first, at a glance. */
  static void writeByRule(Writer out, ScanResult r, int width) throws IOException {
    Map<String, List<Finding>> byRule = Findings.failsByRule(r);
    if (byRule.isEmpty()) return;
    TextTable t = new TextTable("SEVERITY", "RULE", "FAIL", "RESOURCES").keep(1);
    for (var e : byRule.entrySet()) {
      List<String> ids = e.getValue().stream().map(f -> text(f.resource().id())).distinct().toList();
      String resources = ids.size() <= 3 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 3)) + ", +" + (ids.size() - 3) + " more";
      t.row("", e.getValue().get(0).severity().id(), e.getKey(), String.valueOf(e.getValue().size()), resources);
    }
    out.write("FAIL by rule\n");
    t.write(out, "", width, true);
    out.write("\n");
  }

  /** FAILs per account and region, when a scan covered more than one. */
  static void writeByScope(Writer out, ScanResult r, int width) throws IOException {
    Map<dev.postern.model.Scope, int[]> counts = new TreeMap<>();
    for (dev.postern.model.Scope s : r.scopes()) counts.put(s, new int[Severity.values().length]);
    for (Finding f : r.findings()) {
      if (f.status() == Status.FAIL) counts.computeIfAbsent(f.resource().scope(), k -> new int[Severity.values().length])[f.severity().ordinal()]++;
    }
    TextTable t = new TextTable("SCOPE", "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO").keep(0);
    for (var e : counts.entrySet()) {
      int[] n = e.getValue();
      t.row("", text(Findings.scope(e.getKey())), String.valueOf(n[0]), String.valueOf(n[1]), String.valueOf(n[2]), String.valueOf(n[3]),
          String.valueOf(n[4]));
    }
    out.write("FAIL by account/region\n");
    t.write(out, "", width, true);
    out.write("\n");
  }

  /** The controls of {@code --compliance}'s framework: status and the resources behind it. */
  static void writeCompliance(Writer out, ScanResult r, Frameworks framework, int width) throws IOException {
    List<ControlSummary> controls = ControlSummary.of(r, Optional.of(framework));
    TextTable t = new TextTable("CONTROL", "STATUS", "FAIL", "PASS", "UNKNOWN", "RULES").keep(0);
    for (ControlSummary c : controls) {
      t.row("", c.control(), c.status().name(), String.valueOf(c.fail()), String.valueOf(c.pass()), String.valueOf(c.unknown()),
          String.join(", ", c.rules()));
    }
    out.write(framework.title + ": " + controls.size() + " control(s) checked\n");
    t.write(out, "", width, true);
    out.write("\n");
  }

  static String summary(ScanResult r) {
    StringBuilder sb = new StringBuilder();
    long fails = r.count(Status.FAIL);
    sb.append(fails).append(" FAIL (");
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) parts.add(r.failCounts().get(s) + " " + s.id());
    sb.append(String.join(", ", parts)).append("), ").append(r.count(Status.PASS)).append(" PASS");
    if (r.count(Status.SUPPRESSED) > 0) sb.append(", ").append(r.count(Status.SUPPRESSED)).append(" suppressed");
    if (r.count(Status.UNKNOWN) > 0) sb.append(", ").append(r.count(Status.UNKNOWN)).append(" not evaluated");
    if (r.baseline().isPresent()) {
      sb.append(" · baseline: ").append(r.count(BaselineState.NEW)).append(" new, ")
          .append(r.count(BaselineState.EXISTING)).append(" existing, ")
          .append(r.count(BaselineState.WORSE) > 0 ? r.count(BaselineState.WORSE) + " worse (new evidence), " : "")
          .append(r.baseline().get().resolved().size()).append(" resolved");
    }
    sb.append(" · ").append(r.rulesEvaluated()).append(" rules · ").append(scopes(r)).append(" · ");
    sb.append(r.complete() ? "scan complete" : "scan INCOMPLETE: " + r.errors().size() + " collection error(s)");
    return sb.toString();
  }

  /** What was audited: the scopes themselves when few, else how many accounts and regions. */
  static String scopes(ScanResult r) {
    if (r.scopes().isEmpty()) return "nothing audited";
    if (r.scopes().size() <= 3) {
      return String.join(", ", r.scopes().stream().map(s -> s.account().isEmpty() ? s.region() : s.account() + "/" + s.region()).toList());
    }
    long accounts = r.scopes().stream().map(s -> s.account()).distinct().count();
    long regions = r.scopes().stream().map(s -> s.region()).distinct().count();
    return accounts + (accounts == 1 ? " account" : " accounts") + " × " + regions + (regions == 1 ? " region" : " regions");
  }

  private static String colour(Finding f) {
    return Ansi.finding(f);
  }

  /** Resource data as one terminal line: control and bidi characters shown escaped. */
  static String text(String s) {
    return ControlChars.oneLine(s);
  }

  static String pad(String s, int n) {
    return TextLayout.pad(s, n);
  }
}
