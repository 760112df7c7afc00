package dev.postern.report;

import dev.postern.model.Finding;
import dev.postern.model.Severity;
import dev.postern.model.Status;

/** The SGR colours of postern's terminal output, one place for every command that colours. */
public final class Ansi {
  public static final String RESET = "\u001b[0m";
  public static final String BOLD = "\u001b[1m";
  public static final String DIM = "\u001b[2m";
  public static final String RED = "\u001b[31m";
  public static final String GREEN = "\u001b[32m";

  private Ansi() {}

  public static String severity(Severity s) {
    return switch (s) {
      case CRITICAL -> "\u001b[1;31m";
      case HIGH -> RED;
      case MEDIUM -> "\u001b[33m";
      case LOW -> "\u001b[36m";
      case INFO -> DIM;
    };
  }

  /** A verdict's colour: green PASS, dim not-evaluated and suppressed, a FAIL by its severity. */
  public static String finding(Finding f) {
    if (f.status() == Status.PASS) return GREEN;
    if (f.status() == Status.UNKNOWN || f.status() == Status.SUPPRESSED) return DIM;
    return severity(f.severity());
  }

  /** {@code text} in {@code style} when {@code on}, else as it is. */
  public static String style(boolean on, String style, String text) {
    return on && !style.isEmpty() ? style + text + RESET : text;
  }
}
