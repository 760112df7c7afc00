package dev.postern.model;

import java.util.List;

/**
 * One reason a resource fails (or could not be judged by) a rule: {@code detail} names it within the
 * resource ({@code tcp/22 from 0.0.0.0/0}, a setting, a path; empty when the rule has only one
 * reason to give), {@code message} says it in full, {@code remediationCommands} would fix this
 * reason alone (printed, never run). {@code severity} is this reason's; the finding takes the highest.
 */
public record Evidence(String detail, String message, Severity severity, List<String> remediationCommands) {
  public Evidence {
    remediationCommands = List.copyOf(remediationCommands);
  }
}
