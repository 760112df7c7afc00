package dev.postern.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What one rule says about one resource: at most one finding per (rule, account, region,
 * resource). {@code id} is stable across runs and across changes of the evidence: see
 * {@link #idOf}. {@code message} sums up; {@code evidence} lists every reason, in order, each with
 * the commands that would fix it (postern never runs them). {@code severity} is the highest of the
 * evidence's (the rule's unless the check set another). {@code suppression} is the entry that
 * matched (status SUPPRESSED, or FAIL when it has expired); {@code baseline} says, when a baseline
 * was given, whether an open finding is new or existing.
 */
public record Finding(
    String id,
    RuleInfo rule,
    Severity severity,
    Status status,
    ResourceRef resource,
    String message,
    List<Evidence> evidence,
    Optional<Suppression> suppression,
    Optional<BaselineState> baseline,
    Optional<Reachability> reachability) {
  public Finding {
    evidence = List.copyOf(evidence);
    suppression = suppression == null ? Optional.empty() : suppression;
    baseline = baseline == null ? Optional.empty() : baseline;
    reachability = reachability == null ? Optional.empty() : reachability;
  }

  /** A finding about no network path (most rules'). */
  public Finding(String id, RuleInfo rule, Severity severity, Status status, ResourceRef resource, String message,
      List<Evidence> evidence, Optional<Suppression> suppression, Optional<BaselineState> baseline) {
    this(id, rule, severity, status, resource, message, evidence, suppression, baseline, Optional.empty());
  }

  public Finding(String id, RuleInfo rule, Severity severity, Status status, ResourceRef resource, String message,
      List<Evidence> evidence) {
    this(id, rule, severity, status, resource, message, evidence, Optional.empty(), Optional.empty());
  }

  /** A finding with one reason, its id derived from rule and resource. */
  public static Finding single(RuleInfo rule, Severity severity, Status status, ResourceRef resource, String message,
      List<String> remediationCommands) {
    return new Finding(idOf(rule.name(), resource), rule, severity, status, resource, message,
        List.of(new Evidence("", message, severity, remediationCommands)));
  }

  /**
   * Stable across runs, input order, evidence and unrelated changes: a hash of the rule name (not
   * its id, which a catalogue renumbering could change), account, region, resource type and id.
   * (Schema 1 reports hashed a discriminator too, empty for a resource's only finding; so a
   * finding that had one reason keeps the id it had.)
   */
  public static String idOf(String ruleName, ResourceRef r) {
    String key = String.join("\u001f", ruleName, r.scope().account(), r.scope().region(), r.type(), r.id(), "");
    byte[] d = SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)); // digest() leaves it reset for the next
    return "pf-" + HEX.formatHex(d, 0, 10);
  }

  private static final HexFormat HEX = HexFormat.of();
  /** One digest per thread: looking one up per finding cost as much as hashing (a large scan has 100,000s). */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** Every evidence's commands, in order, each once. */
  public List<String> remediationCommands() {
    if (evidence.size() == 1) return evidence.get(0).remediationCommands();
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (Evidence e : evidence) all.addAll(e.remediationCommands());
    return List.copyOf(all);
  }

  /** The evidence's details that name something ({@code tcp/22 from 0.0.0.0/0}), in order. */
  public List<String> details() {
    List<String> out = new ArrayList<>();
    for (Evidence e : evidence) if (!e.detail().isEmpty()) out.add(e.detail());
    return out;
  }

  /** This FAIL accepted by {@code s}: SUPPRESSED, or still FAIL when {@code s} has expired. */
  public Finding suppressedBy(Suppression s) {
    return new Finding(id, rule, severity, s.expired() ? Status.FAIL : Status.SUPPRESSED, resource, message, evidence,
        Optional.of(s), baseline, reachability);
  }

  public Finding withBaseline(BaselineState state) {
    return new Finding(id, rule, severity, status, resource, message, evidence, suppression, Optional.of(state), reachability);
  }

  public Finding withReachability(Optional<Reachability> r) {
    return new Finding(id, rule, severity, status, resource, message, evidence, suppression, baseline, r);
  }

  /** True when the network path to it is known to be open at every layer. */
  public boolean reachable() {
    return reachability.map(r -> r.state() == Reachability.State.REACHABLE).orElse(false);
  }

  /**
   * A FAIL that counts against the gate: one the baseline did not have (or had with less evidence),
   * or one whose suppression has expired (expiry re-fails a finding even when the baseline knew it).
   */
  public boolean gating() {
    return status == Status.FAIL
        && (baseline.orElse(BaselineState.NEW) != BaselineState.EXISTING || suppression.map(Suppression::expired).orElse(false));
  }
}
