package dev.postern.report;

import dev.postern.model.ControlSummary;
import dev.postern.model.CollectionError;
import dev.postern.model.ControlChars;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML for CI test reporters: one suite per rule (by id), one test case per resource the rule
 * evaluated. A FAIL is a {@code <failure>} (its messages and fix commands in the body); a resource
 * left unevaluated (UNKNOWN) or suppressed is {@code <skipped>}; collection errors are skipped cases
 * of a last suite, {@code postern.collection}. Always every verdict, whatever {@code --show-pass} says.
 */
public final class JunitReporter implements Reporter {
  private record Case(String name, List<Finding> findings) {}

  private record Suite(String name, RuleInfo rule, List<Case> cases) {
    long count(Status s) {
      return cases.stream().filter(c -> outcome(c) == s).count();
    }
  }

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    Map<String, RuleInfo> rules = new TreeMap<>();
    r.rules().forEach(i -> rules.put(i.name(), i));
    r.findings().forEach(f -> rules.putIfAbsent(f.rule().name(), f.rule()));
    Map<String, Map<ResourceRef, List<Finding>>> byRule = new TreeMap<>();
    for (Finding f : r.findings()) {
      byRule.computeIfAbsent(f.rule().name(), k -> new TreeMap<>()).computeIfAbsent(f.resource(), k -> new ArrayList<>()).add(f);
    }
    List<Suite> suites = new ArrayList<>();
    for (RuleInfo rule : rules.values().stream().sorted(java.util.Comparator.comparing(RuleInfo::id)).toList()) {
      Map<ResourceRef, List<Finding>> byResource = byRule.getOrDefault(rule.name(), Map.of());
      List<Case> cases = new ArrayList<>();
      byResource.forEach((res, fs) -> cases.add(new Case(Findings.resource(fs.get(0)) + " [" + Findings.scope(res.scope()) + "]", fs)));
      suites.add(new Suite(rule.id() + " " + rule.name(), rule, cases));
    }
    long tests = suites.stream().mapToLong(s -> s.cases().size()).sum() + r.errors().size();
    long failures = suites.stream().mapToLong(s -> s.count(Status.FAIL)).sum();
    long skipped = suites.stream().mapToLong(s -> s.count(Status.UNKNOWN)).sum() + r.errors().size();
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<!-- postern " + attr(r.toolVersion()) + (r.generatedAt().isEmpty() ? "" : ", generated " + attr(r.generatedAt())) + " -->\n");
    out.write("<testsuites name=\"postern\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\""
        + skipped + "\" time=\"0\"" + (r.generatedAt().isEmpty() ? "" : " timestamp=\"" + attr(r.generatedAt()) + "\"") + ">\n");
    for (Suite s : suites) {
      out.write("  <testsuite name=\"" + attr(s.name()) + "\" tests=\"" + s.cases().size() + "\" failures=\"" + s.count(Status.FAIL)
          + "\" errors=\"0\" skipped=\"" + s.count(Status.UNKNOWN) + "\" time=\"0\">\n");
      out.write("    <properties>\n");
      property(out, "rule.id", s.rule().id());
      property(out, "rule.name", s.rule().name());
      property(out, "severity", s.rule().severity().id());
      property(out, "title", s.rule().title());
      out.write("    </properties>\n");
      for (Case c : s.cases()) writeCase(out, s.rule(), c);
      out.write("  </testsuite>\n");
    }
    if (o.compliance().isPresent()) writeCompliance(out, r, o);
    if (!r.errors().isEmpty()) {
      out.write("  <testsuite name=\"postern.collection\" tests=\"" + r.errors().size() + "\" failures=\"0\" errors=\"0\" skipped=\""
          + r.errors().size() + "\" time=\"0\">\n");
      for (CollectionError e : r.errors()) {
        out.write("    <testcase classname=\"postern.collection\" name=\"" + attr(e.account() + "/" + e.region() + " " + e.service() + ":" + e.operation())
            + "\" time=\"0\">\n");
        out.write("      <skipped message=\"" + attr("not collected: " + e.code() + ": " + e.message()) + "\"/>\n");
        out.write("    </testcase>\n");
      }
      out.write("  </testsuite>\n");
    }
    out.write("</testsuites>\n");
  }

  /** FAIL if any verdict fails; UNKNOWN (skipped) if any is suppressed or unevaluated; else PASS. */
  private static Status outcome(Case c) {
    if (c.findings().stream().anyMatch(f -> f.status() == Status.FAIL)) return Status.FAIL;
    if (c.findings().stream().anyMatch(f -> f.status() == Status.SUPPRESSED || f.status() == Status.UNKNOWN)) return Status.UNKNOWN;
    return Status.PASS;
  }

  private static void writeCase(Writer out, RuleInfo rule, Case c) throws IOException {
    out.write("    <testcase classname=\"postern." + attr(rule.name()) + "\" name=\"" + attr(c.name()) + "\" time=\"0\"");
    Status outcome = outcome(c);
    if (outcome == Status.PASS) {
      out.write("/>\n");
      return;
    }
    out.write(">\n");
    if (outcome == Status.FAIL) {
      List<Finding> fails = c.findings().stream().filter(f -> f.status() == Status.FAIL).toList();
      StringBuilder body = new StringBuilder();
      for (Finding f : fails) {
        body.append(f.message()).append("\nid: ").append(f.id());
        f.baseline().ifPresent(b -> body.append(" (").append(b.id()).append(')'));
        f.suppression().ifPresent(s -> body.append("\nsuppression expired on ").append(s.expires()).append(": ").append(s.source()));
        body.append('\n');
        for (String cmd : f.remediationCommands()) body.append("fix: ").append(cmd).append('\n');
      }
      String message = fails.size() == 1 ? fails.get(0).message() : fails.size() + " findings: " + fails.get(0).message();
      out.write("      <failure type=\"" + rule.severity().id() + "\" message=\"" + attr(message) + "\">" + text(body.toString()) + "</failure>\n");
    } else {
      Map<String, String> why = new LinkedHashMap<>();
      for (Finding f : c.findings()) {
        if (f.status() == Status.SUPPRESSED) {
          var s = f.suppression().orElseThrow();
          why.put(f.id(), "suppressed until " + s.expires() + ": " + s.reason());
        } else if (f.status() == Status.UNKNOWN) {
          why.put(f.id(), "not evaluated: " + f.message());
        }
      }
      out.write("      <skipped message=\"" + attr(String.join("; ", why.values())) + "\"/>\n");
    }
    out.write("    </testcase>\n");
  }

  /** With --compliance: a suite of the framework's controls, one case each, failed when a resource fails it. */
  private static void writeCompliance(Writer out, ScanResult r, ReportOptions o) throws IOException {
    List<ControlSummary> controls = ControlSummary.of(r, o.compliance());
    long failed = controls.stream().filter(c -> c.status() == Status.FAIL).count();
    long skipped = controls.stream().filter(c -> c.status() == Status.UNKNOWN).count();
    out.write("  <testsuite name=\"" + attr("postern.compliance " + o.compliance().get().id()) + "\" tests=\"" + controls.size()
        + "\" failures=\"" + failed + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"0\">\n");
    for (ControlSummary c : controls) {
      out.write("    <testcase classname=\"postern.compliance\" name=\"" + attr(c.control()) + "\" time=\"0\"");
      String counts = c.fail() + " FAIL, " + c.pass() + " PASS, " + c.unknown() + " not evaluated; rules: " + String.join(", ", c.rules());
      if (c.status() == Status.PASS) {
        out.write("/>\n");
        continue;
      }
      out.write(">\n      <" + (c.status() == Status.FAIL ? "failure" : "skipped") + " message=\"" + attr(counts) + "\"/>\n    </testcase>\n");
    }
    out.write("  </testsuite>\n");
  }

  private static void property(Writer out, String name, String value) throws IOException {
    out.write("      <property name=\"" + attr(name) + "\" value=\"" + attr(value) + "\"/>\n");
  }

  /** XML character data: control and bidi characters shown escaped (most are not even allowed in XML 1.0). */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length());
    ControlChars.keepingLineBreaks(s).codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        default -> {
          if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000) {
            b.appendCodePoint(cp);
          } else {
            b.append('?');
          }
        }
      }
    });
    return b.toString();
  }

  static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
  }
}
