package dev.postern.model;

import java.util.List;
import java.util.Optional;

/**
 * One verdict of one rule on one resource. {@code id} is stable across runs: a hash of rule,
 * account, region, resource and discriminator (e.g. the port and source of an ingress rule).
 * {@code severity} is the rule's unless the check set another for this resource.
 * {@code remediationCommands} are AWS CLI commands that would fix it; postern never runs them.
 * {@code suppression} is the entry that matched (status SUPPRESSED, or FAIL when it has expired);
 * {@code baseline} says, when a baseline was given, whether an open finding is new or existing.
 */
public record Finding(
    String id,
    RuleInfo rule,
    Severity severity,
    Status status,
    ResourceRef resource,
    String discriminator,
    String message,
    List<String> remediationCommands,
    Optional<Suppression> suppression,
    Optional<BaselineState> baseline) {
  public Finding {
    remediationCommands = List.copyOf(remediationCommands);
    suppression = suppression == null ? Optional.empty() : suppression;
    baseline = baseline == null ? Optional.empty() : baseline;
  }

  public Finding(String id, RuleInfo rule, Severity severity, Status status, ResourceRef resource, String discriminator,
      String message, List<String> remediationCommands) {
    this(id, rule, severity, status, resource, discriminator, message, remediationCommands, Optional.empty(), Optional.empty());
  }

  /** This FAIL accepted by {@code s}: SUPPRESSED, or still FAIL when {@code s} has expired. */
  public Finding suppressedBy(Suppression s) {
    return new Finding(id, rule, severity, s.expired() ? Status.FAIL : Status.SUPPRESSED, resource, discriminator, message,
        remediationCommands, Optional.of(s), baseline);
  }

  public Finding withBaseline(BaselineState state) {
    return new Finding(id, rule, severity, status, resource, discriminator, message, remediationCommands, suppression,
        Optional.of(state));
  }

  /**
   * A FAIL that counts against the gate: one the baseline did not have, or one whose suppression
   * has expired (expiry re-fails a finding even when the baseline knew it).
   */
  public boolean gating() {
    return status == Status.FAIL
        && (baseline.orElse(BaselineState.NEW) == BaselineState.NEW || suppression.map(Suppression::expired).orElse(false));
  }
}
