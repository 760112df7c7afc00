package dev.postern.report;

import dev.postern.model.Frameworks;
import dev.postern.model.Gate;
import java.util.Optional;

/**
 * How to render: {@code showPass} adds PASS (and not-evaluated) verdicts; {@code color} only for a
 * terminal without NO_COLOR; {@code width} the terminal width for the table; {@code gate} what
 * decided the exit code, when a scan has one to say; {@code compliance} the framework asked for with
 * {@code --compliance}, whose controls the human-readable reports list (JSON and SARIF always have them);
 * {@code graph} which part of the trust graph DOT and Mermaid draw.
 */
public record ReportOptions(boolean showPass, boolean color, int width, Optional<Gate> gate, Optional<Frameworks> compliance,
    GraphScope graph) {
  public ReportOptions(boolean showPass, boolean color, int width) {
    this(showPass, color, width, Optional.empty(), Optional.empty());
  }

  public ReportOptions(boolean showPass, boolean color, int width, Optional<Gate> gate, Optional<Frameworks> compliance) {
    this(showPass, color, width, gate, compliance, GraphScope.FINDINGS);
  }

  public static ReportOptions plain() {
    return new ReportOptions(false, false, 100);
  }
}
