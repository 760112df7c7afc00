package dev.postern.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every report renders: findings (sorted by status, severity, rule, resource), collection
 * errors and whether the scan saw everything it needed ({@code complete}); the rules evaluated,
 * the kinds collected per scope, a picture of the trust graph, the comparison with a baseline
 * when one was given, and warnings for the user (e.g. an expired suppression).
 * {@code unlistedPasses} counts, per rule name, the PASS verdicts that were not kept as findings (a
 * large scan keeps them only when a report lists them). {@code generatedAt}: when the report was
 * made (ISO-8601 UTC, from SOURCE_DATE_EPOCH when set), empty when not known.
 */
public record ScanResult(
    String toolVersion,
    List<Scope> scopes,
    List<Finding> findings,
    List<CollectionError> errors,
    int rulesEvaluated,
    List<RuleInfo> rules,
    Map<Scope, Set<ResourceKind>> collected,
    TrustMap trustMap,
    Optional<BaselineOutcome> baseline,
    List<String> warnings,
    Map<String, Long> unlistedPasses,
    String generatedAt) {

  public static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> rank(f.status()))
          .thenComparing(Finding::severity)
          .thenComparing(f -> f.rule().name())
          .thenComparing(Finding::resource)
          .thenComparing(Finding::id);

  /** FAIL first, then SUPPRESSED, UNKNOWN, PASS: the order reports list findings in. */
  public static int rank(Status s) {
    return switch (s) {
      case FAIL -> 0;
      case SUPPRESSED -> 1;
      case UNKNOWN -> 2;
      case PASS -> 3;
    };
  }

  public ScanResult {
    scopes = List.copyOf(new TreeSet<>(scopes));
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(ORDER);
    findings = List.copyOf(sorted);
    errors = List.copyOf(new TreeSet<>(errors));
    List<RuleInfo> r = new ArrayList<>(rules);
    r.sort(Comparator.comparing(RuleInfo::name));
    rules = List.copyOf(r);
    Map<Scope, Set<ResourceKind>> c = new TreeMap<>();
    collected.forEach((k, v) -> c.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
    collected = Collections.unmodifiableMap(c);
    trustMap = trustMap == null ? TrustMap.EMPTY : trustMap;
    baseline = baseline == null ? Optional.empty() : baseline;
    warnings = List.copyOf(warnings);
    unlistedPasses = unlistedPasses == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unlistedPasses));
    generatedAt = generatedAt == null ? "" : generatedAt;
  }

  /** Without a generation time (set by {@link #withGeneratedAt}). */
  public ScanResult(String toolVersion, List<Scope> scopes, List<Finding> findings, List<CollectionError> errors,
      int rulesEvaluated, List<RuleInfo> rules, Map<Scope, Set<ResourceKind>> collected, TrustMap trustMap,
      Optional<BaselineOutcome> baseline, List<String> warnings, Map<String, Long> unlistedPasses) {
    this(toolVersion, scopes, findings, errors, rulesEvaluated, rules, collected, trustMap, baseline, warnings, unlistedPasses, "");
  }

  /** Findings and errors only: no rule list, coverage, picture, baseline or warnings. */
  public ScanResult(String toolVersion, List<Scope> scopes, List<Finding> findings, List<CollectionError> errors,
      int rulesEvaluated) {
    this(toolVersion, scopes, findings, errors, rulesEvaluated, List.of(), Map.of(), TrustMap.EMPTY,
        Optional.empty(), List.of(), Map.of());
  }

  public ScanResult withFindings(List<Finding> f) {
    return new ScanResult(toolVersion, scopes, f, errors, rulesEvaluated, rules, collected, trustMap, baseline, warnings, unlistedPasses, generatedAt);
  }

  public ScanResult withToolVersion(String v) {
    return new ScanResult(v, scopes, findings, errors, rulesEvaluated, rules, collected, trustMap, baseline, warnings, unlistedPasses, generatedAt);
  }

  public ScanResult withGeneratedAt(String at) {
    return new ScanResult(toolVersion, scopes, findings, errors, rulesEvaluated, rules, collected, trustMap, baseline, warnings,
        unlistedPasses, at);
  }

  public ScanResult withTrustMap(TrustMap m) {
    return new ScanResult(toolVersion, scopes, findings, errors, rulesEvaluated, rules, collected, m, baseline, warnings, unlistedPasses, generatedAt);
  }

  public ScanResult withBaseline(BaselineOutcome b) {
    return new ScanResult(toolVersion, scopes, findings, errors, rulesEvaluated, rules, collected, trustMap,
        Optional.of(b), warnings, unlistedPasses, generatedAt);
  }

  /**
   * Only the findings of these severities (and the PASS counts of rules of these severities): what
   * {@code --severity} reports. The baseline's resolved findings are filtered alike.
   */
  public ScanResult withSeverities(Set<Severity> shown) {
    Map<String, Long> passes = new TreeMap<>();
    Set<String> ruleNames = new java.util.HashSet<>();
    rules.forEach(r -> {
      if (shown.contains(r.severity())) ruleNames.add(r.name());
    });
    unlistedPasses.forEach((rule, n) -> {
      if (ruleNames.contains(rule)) passes.put(rule, n);
    });
    Optional<BaselineOutcome> b = baseline.map(o -> new BaselineOutcome(o.source(),
        o.resolved().stream().filter(f -> shown.contains(f.severity())).toList(),
        o.notRescanned().stream().filter(f -> shown.contains(f.severity())).toList()));
    return new ScanResult(toolVersion, scopes, findings.stream().filter(f -> shown.contains(f.severity())).toList(), errors,
        rulesEvaluated, rules, collected, trustMap, b, warnings, passes, generatedAt);
  }

  /** Only the findings reachable from the Internet over the whole network path: what {@code --reachable-only} reports. */
  public ScanResult reachableOnly() {
    return new ScanResult(toolVersion, scopes, findings.stream().filter(Finding::reachable).toList(), errors, rulesEvaluated, rules,
        collected, trustMap, baseline, warnings, Map.of(), generatedAt);
  }

  public ScanResult withWarnings(List<String> more) {
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new ScanResult(toolVersion, scopes, findings, errors, rulesEvaluated, rules, collected, trustMap, baseline, all, unlistedPasses, generatedAt);
  }

  /** Complete: at least one scope was audited and nothing it needs failed to be collected. */
  public boolean complete() {
    return errors.isEmpty() && !scopes.isEmpty();
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

  /** Verdicts of a status; PASS includes those not listed as findings (see {@code unlistedPasses}). */
  public long count(Status status) {
    return findings.stream().filter(f -> f.status() == status).count() + (status == Status.PASS ? unlistedPassCount() : 0);
  }

  /** PASS verdicts not listed as findings, over every rule. */
  public long unlistedPassCount() {
    long n = 0;
    for (long v : unlistedPasses.values()) n += v;
    return n;
  }

  public long count(BaselineState state) {
    return findings.stream().filter(f -> f.baseline().equals(Optional.of(state))).count();
  }

  /** True when a FAIL at {@code threshold} or above exists that a baseline did not already have. */
  public boolean failsAt(Severity threshold) {
    return findings.stream().anyMatch(f -> f.gating() && f.severity().atLeast(threshold));
  }

  /**
   * Whether this scan looked at what a finding (from another report) is about: its rule was
   * evaluated, its resource's kind was collected in its scope (for a type postern does not know,
   * the scope was collected without error), and the rule did not leave the resource unevaluated.
   * Only then may the finding's absence here mean that it was fixed. Built once, asked many times.
   */
  public java.util.function.Predicate<Finding> coverage() {
    Set<String> ruleNames = new java.util.HashSet<>();
    rules.forEach(r -> ruleNames.add(r.name()));
    Set<Scope> scopesWithErrors = new java.util.HashSet<>();
    errors.forEach(e -> scopesWithErrors.add(new Scope(e.account(), e.region())));
    Set<String> unevaluated = new java.util.HashSet<>();
    for (Finding x : findings) {
      if (x.status() == Status.UNKNOWN) unevaluated.add(key(x));
    }
    return f -> {
      if (!ruleNames.isEmpty() && !ruleNames.contains(f.rule().name())) return false;
      Scope scope = f.resource().scope();
      Set<ResourceKind> kinds = collected.get(scope);
      if (kinds == null) return false;
      Optional<ResourceKind> kind = ResourceKind.ofResourceType(f.resource().type());
      if (kind.isPresent() ? !kinds.contains(kind.get()) : scopesWithErrors.contains(scope)) return false;
      return !unevaluated.contains(key(f));
    };
  }

  private static String key(Finding f) {
    ResourceRef r = f.resource();
    return String.join("\u001f", f.rule().name(), r.scope().account(), r.scope().region(), r.type(), r.id());
  }

}
