package dev.postern.cli;

/** Process exit codes: what a CI gate or cron job acts on. */
public enum ExitCode {
  /** Complete, and no FAIL at or above --fail-on. */
  OK(0),
  /** An unexpected error (a bug, or the machine failed us). */
  ERROR(1),
  /** Bad flags or a bad input file. */
  USAGE(2),
  /** At least one FAIL at or above --fail-on (wins over INCOMPLETE). */
  FINDINGS(4),
  /** Something could not be collected, and no FAIL at or above --fail-on. */
  INCOMPLETE(5);

  public final int code;

  ExitCode(int code) {
    this.code = code;
  }
}
