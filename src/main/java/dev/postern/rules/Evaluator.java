package dev.postern.rules;

import dev.postern.graph.TrustGraph;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.Reachability;
import dev.postern.model.ResourceRef;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs rules over one immutable graph and turns verdicts into findings: one per (rule, resource),
 * with a stable id ({@link Finding#idOf}).
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Findings in rule order; PASS verdicts are counted (per rule name), and listed only when
   * {@code keepPass}.
   */
  public record Evaluation(List<Finding> findings, Map<String, Long> unlistedPasses) {}

  /** Rules are independent and the graph immutable: they run in parallel, results in rule order. */
  public static Evaluation evaluate(List<Rule> rules, TrustGraph graph, boolean keepPass) {
    List<Evaluation> perRule = rules.parallelStream().map(r -> evaluate(r, graph, keepPass)).toList();
    List<Finding> out = new ArrayList<>();
    Map<String, Long> passes = new TreeMap<>();
    for (Evaluation e : perRule) {
      out.addAll(e.findings());
      e.unlistedPasses().forEach((k, v) -> passes.merge(k, v, Long::sum));
    }
    return new Evaluation(out, passes);
  }

  private static Evaluation evaluate(Rule rule, TrustGraph graph, boolean keepPass) {
    List<Finding> out = new ArrayList<>();
    long passes = 0;
    // Most resources get one verdict: a second one is kept aside and merged (see merge).
    Map<ResourceRef, Verdict> first = new LinkedHashMap<>();
    Map<ResourceRef, List<Verdict>> more = new HashMap<>();
    for (Verdict v : rule.evaluate(graph)) {
      if (!keepPass && v.status() == Status.PASS) {
        passes++;
        continue;
      }
      Verdict was = first.putIfAbsent(v.resource(), v);
      if (was != null) more.computeIfAbsent(v.resource(), k -> new ArrayList<>(List.of(was))).add(v);
    }
    for (Map.Entry<ResourceRef, Verdict> e : first.entrySet()) {
      List<Verdict> several = more.get(e.getKey());
      out.add(several == null ? finding(rule, e.getValue()) : merge(rule, several));
    }
    return new Evaluation(out, passes == 0 ? Map.of() : Map.of(rule.name(), passes));
  }

  static Finding finding(Rule rule, Verdict v) {
    Severity s = v.severity().orElse(rule.info().severity());
    List<Evidence> evidence = new ArrayList<>(v.reasons().size());
    for (Verdict.Reason r : v.reasons()) evidence.add(new Evidence(r.detail(), r.message(), s, r.fixes()));
    return new Finding(Finding.idOf(rule.name(), v.resource()), rule.info(), s, v.status(), v.resource(), v.message(), evidence,
        Optional.empty(), Optional.empty(), v.reachability());
  }

  /**
   * Several verdicts of one rule on one resource become one finding: the worst status decides
   * (FAIL, then UNKNOWN, then PASS), its verdicts' reasons are the evidence (each once), the
   * highest of their severities is the finding's, and the first message leads the summary.
   */
  static Finding merge(Rule rule, List<Verdict> verdicts) {
    Status status = verdicts.stream().map(Verdict::status).min((a, b) -> Integer.compare(rank(a), rank(b))).orElseThrow();
    List<Verdict> kept = verdicts.stream().filter(v -> v.status() == status).toList();
    Severity severity = null;
    Set<Evidence> evidence = new LinkedHashSet<>();
    for (Verdict v : kept) {
      Severity s = v.severity().orElse(rule.info().severity());
      if (severity == null || s.atLeast(severity)) severity = s;
      for (Verdict.Reason r : v.reasons()) evidence.add(new Evidence(r.detail(), r.message(), s, r.fixes()));
    }
    String message = kept.get(0).message();
    if (evidence.size() > 1) {
      List<String> others = new ArrayList<>();
      for (Evidence e : evidence) others.add(e.detail().isEmpty() ? e.message() : e.detail());
      others.remove(0);
      message += "; also " + String.join("; ", others);
    }
    ResourceRef ref = kept.get(0).resource();
    // The most reachable of the verdicts' paths speaks for the finding.
    Optional<Reachability> reach = kept.stream().map(Verdict::reachability).flatMap(Optional::stream)
        .min(java.util.Comparator.comparing(Reachability::state));
    return new Finding(Finding.idOf(rule.name(), ref), rule.info(), severity, status, ref, message, List.copyOf(evidence),
        Optional.empty(), Optional.empty(), reach);
  }

  private static int rank(Status s) {
    return switch (s) {
      case FAIL -> 0;
      case UNKNOWN -> 1;
      default -> 2;
    };
  }
}
