package dev.postern.model;

import java.util.List;

/**
 * One verdict of one rule on one resource. {@code id} is stable across runs: a hash of rule,
 * account, region, resource and discriminator (e.g. the port and source of an ingress rule).
 * {@code severity} is the rule's unless the check set another for this resource.
 * {@code remediationCommands} are AWS CLI commands that would fix it; postern never runs them.
 */
public record Finding(
    String id,
    RuleInfo rule,
    Severity severity,
    Status status,
    ResourceRef resource,
    String discriminator,
    String message,
    List<String> remediationCommands) {
  public Finding {
    remediationCommands = List.copyOf(remediationCommands);
  }
}
