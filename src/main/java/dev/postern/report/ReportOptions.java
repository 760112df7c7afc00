package dev.postern.report;

/**
 * How to render: {@code showPass} adds PASS (and not-evaluated) verdicts; {@code color} only for a
 * terminal without NO_COLOR; {@code width} the terminal width for the table.
 */
public record ReportOptions(boolean showPass, boolean color, int width) {
  public static ReportOptions plain() {
    return new ReportOptions(false, false, 100);
  }
}
