package dev.postern.report;

import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Status;
import java.util.List;

/** What the reports share: which findings to show, how to name a scope and a resource. */
final class Findings {
  private Findings() {}

  /**
   * FAIL and SUPPRESSED always; PASS and UNKNOWN only with {@code --show-pass}. Those reachable from
   * the Internet over the whole network path first, the others in the result's order.
   */
  static List<Finding> shown(ScanResult r, ReportOptions o) {
    List<Finding> open = r.findings().stream().filter(f -> f.status().open() || o.showPass()).toList();
    List<Finding> out = new java.util.ArrayList<>(open.size());
    for (Finding f : open) if (f.reachable()) out.add(f);
    for (Finding f : open) if (!f.reachable()) out.add(f);
    return out;
  }

  /** The FAILs grouped by rule name, in the result's order (most severe rule first). */
  static java.util.Map<String, List<Finding>> failsByRule(ScanResult r) {
    java.util.Map<String, List<Finding>> byRule = new java.util.LinkedHashMap<>();
    for (Finding f : r.findings()) {
      if (f.status() == Status.FAIL) byRule.computeIfAbsent(f.rule().name(), k -> new java.util.ArrayList<>()).add(f);
    }
    return byRule;
  }

  /** {@code 123456789012/us-east-1}, or the region alone when the account is unknown. */
  static String scope(Scope s) {
    return s.account().isEmpty() ? s.region() : s.account() + "/" + s.region();
  }

  /** {@code security-group sg-0a1b (web)}. */
  static String resource(Finding f) {
    String res = f.resource().type() + " " + f.resource().id();
    String name = f.resource().name();
    return name.isEmpty() || name.equals(f.resource().id()) ? res : res + " (" + name + ")";
  }

  /** {@code high}, or {@code pass}, {@code unknown}, {@code suppressed} for what is not a FAIL. */
  static String severityOrStatus(Finding f) {
    return f.status() == Status.FAIL ? f.severity().id() : f.status().name().toLowerCase(java.util.Locale.ROOT);
  }
}
