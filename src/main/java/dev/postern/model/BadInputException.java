package dev.postern.model;

/** Input postern cannot use (a file, a flag, a rule): reported as one line, exit 2. */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String where;

  /**
   * @param where the file and place, e.g. {@code rules/ec2/x.yaml:3}; empty when none applies
   */
  public BadInputException(String where, String message) {
    super(message);
    this.where = where == null ? "" : where;
  }

  public BadInputException(String where, String message, Throwable cause) {
    super(message, cause);
    this.where = where == null ? "" : where;
  }

  public String where() {
    return where;
  }

  /** {@code <file>:<line>: <what>}. */
  public String oneLine() {
    return where.isEmpty() ? getMessage() : where + ": " + getMessage();
  }
}
