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
import java.util.LinkedHashMap;
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
    int width = Math.max(60, o.width());
    List<Finding> shown = Findings.shown(r, o);
    if (shown.isEmpty()) {
      out.write(r.complete() ? "No findings.\n" : "No findings among what could be collected.\n");
    } else {
      int ruleWidth = Math.min(34, shown.stream().mapToInt(f -> f.rule().name().length()).max().orElse(10));
      out.write(pad("SEVERITY", 10) + "  " + pad("RULE", ruleWidth) + "  RESOURCE\n");
      for (Finding f : shown) {
        String sevCell = pad(Findings.severityOrStatus(f), 10);
        if (o.color()) sevCell = colour(f) + sevCell + RESET;
        String marker = f.baseline().map(b -> switch (b) {
          case NEW -> "  NEW";
          case WORSE -> "  WORSE";
          case EXISTING -> "  existing";
        }).orElse("");
        // The resource's name only when the line still fits; the message names it anyway.
        String head = pad(f.rule().name(), ruleWidth) + "  " + text(Findings.resource(f)) + marker;
        if (INDENT.length() + head.length() > width) head = pad(f.rule().name(), ruleWidth) + "  " + text(f.resource().type() + " " + f.resource().id()) + marker;
        out.write(sevCell + "  " + head + "\n");
        String where = Findings.scope(f.resource().scope());
        for (String line : wrap(text((where.isEmpty() ? "" : where + ": ") + f.message()), width - INDENT.length())) out.write(INDENT + line + "\n");
        if (f.suppression().isPresent()) {
          var s = f.suppression().get();
          String text = (s.expired() ? "suppression EXPIRED on " : "suppressed until ") + s.expires() + " by " + s.source()
              + ": " + s.reason() + (s.ticket().isEmpty() ? "" : " [" + s.ticket() + "]");
          for (String line : wrap(text(text), width - INDENT.length())) out.write(INDENT + line + "\n");
        }
        if (f.evidence().size() > 1) {
          for (Evidence e : f.evidence()) {
            List<String> lines = wrap(text(e.detail().isEmpty() ? e.message() : e.detail()), width - INDENT.length() - 2);
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
    if (r.scopes().size() > 1) writeByScope(out, r);
    if (o.compliance().isPresent()) writeCompliance(out, r, o.compliance().get(), width);
    for (String line : wrap(summary(r) + o.gate().map(g -> " · exit " + g.exitCode() + ": " + g.reason()).orElse(""), width)) {
      out.write(line + "\n");
    }
    out.write("postern " + text(r.toolVersion()) + (r.generatedAt().isEmpty() ? "" : " · generated " + text(r.generatedAt())) + "\n");
    if (r.baseline().isPresent()) {
      BaselineOutcome b = r.baseline().get();
      if (!b.resolved().isEmpty()) {
        out.write("Resolved since the baseline (" + b.resolved().size() + "):\n");
        for (Finding f : b.resolved()) out.write("  " + f.rule().name() + "  " + text(Findings.resource(f)) + "  " + f.id() + "\n");
      }
      if (!b.notRescanned().isEmpty()) {
        out.write("Not rescanned, so not counted resolved (" + b.notRescanned().size() + "):\n");
        for (Finding f : b.notRescanned()) out.write("  " + f.rule().name() + "  " + text(Findings.resource(f)) + "  " + f.id() + "\n");
      }
    }
    if (!r.errors().isEmpty()) {
      out.write("Not collected (" + r.errors().size() + "): resources of these kinds are unknown, not passing\n");
      for (CollectionError e : r.errors()) {
        String line = "  " + e.account() + "/" + e.region() + " " + e.service() + ":" + e.operation() + " " + e.code() + ": " + e.message();
        for (String l : wrap(text(line), width)) out.write(l.startsWith("  ") ? l + "\n" : "    " + l + "\n");
      }
    }
  }

  private static void writeFixes(Writer out, List<String> commands, String indent, int width) throws IOException {
    for (String c : commands) {
      List<String> lines = wrapCommand(text(c), width - indent.length() - 7);
      for (int i = 0; i < lines.size(); i++) out.write(indent + (i == 0 ? "fix: " : "       ") + lines.get(i) + "\n");
    }
  }

  /** The FAILs counted per rule, most severe first: what to fix first, at a glance. */
  static void writeByRule(Writer out, ScanResult r, int width) throws IOException {
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    for (Finding f : r.findings()) { // already by status, severity, rule
      if (f.status() == Status.FAIL) byRule.computeIfAbsent(f.rule().name(), k -> new ArrayList<>()).add(f);
    }
    if (byRule.isEmpty()) return;
    int ruleWidth = Math.min(34, byRule.keySet().stream().mapToInt(String::length).max().orElse(4));
    out.write("FAIL by rule\n");
    out.write(pad("SEVERITY", 10) + pad("RULE", ruleWidth + 2) + "  FAIL  RESOURCES\n");
    for (var e : byRule.entrySet()) {
      List<Finding> fs = e.getValue();
      String head = pad(fs.get(0).severity().id(), 10) + pad(shorten(e.getKey(), ruleWidth), ruleWidth + 2)
          + String.format("%6d", fs.size()) + "  ";
      List<String> ids = fs.stream().map(f -> f.resource().id()).distinct().toList();
      StringBuilder list = new StringBuilder();
      int room = Math.max(10, width - head.length());
      for (int i = 0; i < ids.size(); i++) {
        String more = i + 1 < ids.size() ? ", +" + (ids.size() - i - 1) + " more" : "";
        String next = (list.length() == 0 ? "" : ", ") + text(ids.get(i));
        if (list.length() + next.length() + (i + 1 < ids.size() ? more.length() : 0) > room && list.length() > 0) {
          list.append(", +").append(ids.size() - i).append(" more");
          break;
        }
        list.append(next);
      }
      out.write(head + shorten(list.toString(), room) + "\n");
    }
    out.write("\n");
  }

  /** FAILs per account and region, when a scan covered more than one. */
  static void writeByScope(Writer out, ScanResult r) throws IOException {
    Map<dev.postern.model.Scope, int[]> counts = new TreeMap<>();
    for (dev.postern.model.Scope s : r.scopes()) counts.put(s, new int[Severity.values().length]);
    for (Finding f : r.findings()) {
      if (f.status() == Status.FAIL) counts.computeIfAbsent(f.resource().scope(), k -> new int[Severity.values().length])[f.severity().ordinal()]++;
    }
    int w = Math.max(5, counts.keySet().stream().mapToInt(s -> Findings.scope(s).length()).max().orElse(5));
    out.write("FAIL by account/region\n");
    out.write(pad("SCOPE", w) + "  CRIT  HIGH   MED   LOW  INFO\n");
    for (var e : counts.entrySet()) {
      StringBuilder line = new StringBuilder(pad(text(Findings.scope(e.getKey())), w) + " ");
      for (int n : e.getValue()) line.append(String.format("%6d", n));
      out.write(line + "\n");
    }
    out.write("\n");
  }

  /** The controls of {@code --compliance}'s framework: status and the resources behind it. */
  static void writeCompliance(Writer out, ScanResult r, Frameworks framework, int width) throws IOException {
    List<ControlSummary> controls = ControlSummary.of(r, Optional.of(framework));
    out.write(framework.title + ": " + controls.size() + " control(s) checked\n");
    int w = Math.max(7, controls.stream().mapToInt(c -> c.control().length()).max().orElse(7));
    out.write(pad("CONTROL", w) + "  STATUS   FAIL   PASS  UNKNOWN  RULES\n");
    for (ControlSummary c : controls) {
      String head = pad(c.control(), w) + "  " + pad(c.status().name(), 7) + String.format("%6d %6d %8d", c.fail(), c.pass(), c.unknown()) + "  ";
      out.write(head + shorten(String.join(", ", c.rules()), Math.max(10, width - head.length())) + "\n");
    }
    out.write("\n");
  }

  /** {@code s} cut to {@code n} characters, an ellipsis marking the cut. */
  static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, Math.max(0, n - 1)) + "…";
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
    if (f.status() == Status.PASS) return "\u001b[32m";
    if (f.status() == Status.UNKNOWN || f.status() == Status.SUPPRESSED) return "\u001b[2m";
    return switch (f.severity()) {
      case CRITICAL -> "\u001b[1;31m";
      case HIGH -> "\u001b[31m";
      case MEDIUM -> "\u001b[33m";
      case LOW -> "\u001b[36m";
      case INFO -> "\u001b[2m";
    };
  }

  /** Resource data as one terminal line: control and bidi characters shown escaped. */
  static String text(String s) {
    return ControlChars.oneLine(s);
  }

  static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }

  /**
   * A shell command over several lines that still pastes as one: breaks only at spaces outside
   * quotes, each line but the last ending in {@code \\}. A quoted argument longer than the width
   * stays whole.
   */
  static List<String> wrapCommand(String command, int width) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote == 0 && c == ' ') {
        if (word.length() > 0) words.add(word.toString());
        word.setLength(0);
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) quote = c;
      else if (c == quote) quote = 0;
      word.append(c);
    }
    if (word.length() > 0) words.add(word.toString());
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String w : words) {
      if (line.length() > 0 && line.length() + 1 + w.length() + 2 > width) {
        lines.add(line.append(" \\").toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(w);
    }
    if (line.length() > 0) lines.add(line.toString());
    return lines;
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    if (line.length() > 0) lines.add(line.toString());
    return lines;
  }
}
