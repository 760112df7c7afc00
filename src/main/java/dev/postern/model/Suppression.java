package dev.postern.model;

import java.time.LocalDate;

/**
 * An accepted risk from a suppressions file: which rule (name, id or glob) on which resource (id, ARN
 * or glob), why, until when, and who owns it. {@code source} is {@code file:line} of the entry;
 * {@code expired} is true when {@code expires} was before the day of the scan.
 */
public record Suppression(
    String rule, String resource, String reason, LocalDate expires, String owner, String ticket, String source,
    boolean expired) {
  public Suppression {
    owner = owner == null ? "" : owner;
    ticket = ticket == null ? "" : ticket;
  }

  /** {@code suppressions.yaml:4 (rule sg-*, resource sg-0a1b)}: how warnings name an entry. */
  public String label() {
    return source + " (rule " + rule + ", resource " + resource + ")";
  }
}
