package dev.postern.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What every report renders: findings (sorted by severity, rule, resource), collection errors and
 * whether the scan saw everything it needed ({@code complete}).
 */
public record ScanResult(
    String toolVersion, List<Scope> scopes, List<Finding> findings, List<CollectionError> errors, int rulesEvaluated) {

  public static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.status() == Status.FAIL ? 0 : f.status() == Status.UNKNOWN ? 1 : 2)
          .thenComparing(Finding::severity)
          .thenComparing(f -> f.rule().name())
          .thenComparing(Finding::resource)
          .thenComparing(Finding::discriminator)
          .thenComparing(Finding::id);

  public ScanResult {
    scopes = List.copyOf(scopes);
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(ORDER);
    findings = List.copyOf(sorted);
    errors = List.copyOf(errors);
  }

  public boolean complete() {
    return errors.isEmpty();
  }

  public List<Finding> failures() {
    return findings.stream().filter(f -> f.status() == Status.FAIL).toList();
  }

  public Map<Severity, Integer> failCounts() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) counts.put(s, 0);
    for (Finding f : findings) {
      if (f.status() == Status.FAIL) counts.merge(f.severity(), 1, Integer::sum);
    }
    return counts;
  }

  public long count(Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  /** True when a FAIL at {@code threshold} or above exists. */
  public boolean failsAt(Severity threshold) {
    return findings.stream().anyMatch(f -> f.status() == Status.FAIL && f.severity().atLeast(threshold));
  }
}
