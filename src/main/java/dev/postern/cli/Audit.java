package dev.postern.cli;

import dev.postern.collect.Collection;
import dev.postern.collect.InventoryAssembler;
import dev.postern.graph.TrustGraph;
import dev.postern.graph.TrustMapBuilder;
import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.Finding;
import dev.postern.model.Frameworks;
import dev.postern.model.Inventory;
import dev.postern.model.ScanResult;
import dev.postern.model.TrustMap;
import dev.postern.rules.CheckRegistry;
import dev.postern.rules.Evaluator;
import dev.postern.rules.Rule;
import dev.postern.rules.RuleLoader;
import dev.postern.rules.Suppressions;
import dev.postern.report.FindingDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** collect → model → graph → rules → result: the whole offline path, in one place. */
final class Audit {
  final Inventory inventory;
  final TrustGraph graph;
  final ScanResult result;

  private Audit(Inventory inventory, TrustGraph graph, ScanResult result) {
    this.inventory = inventory;
    this.graph = graph;
    this.result = result;
  }

  /** Every rule, opt-in ones included (for the catalogue). */
  static List<Rule> rules(List<Path> extraRuleDirs) {
    return new RuleLoader(CheckRegistry.standard()).load(extraRuleDirs);
  }

  /** The rules a scan evaluates: those enabled by default plus the opt-in ones named. */
  static List<Rule> activeRules(List<Rule> all, List<String> enable) {
    return activeRules(all, enable, List.of());
  }

  /**
   * The rules a scan evaluates: with {@code only} non-empty, exactly those; otherwise the ones
   * enabled by default plus the opt-in ones in {@code enable}. Names or ids; unknown ones are bad input.
   */
  static List<Rule> activeRules(List<Rule> all, List<String> enable, List<String> only) {
    return activeRules(all, enable, only, List.of(), Optional.empty());
  }

  /**
   * As above, then without the rules in {@code skip}, and with a framework only the rules mapped to
   * it. A selection that leaves no rule is bad input: it would audit nothing.
   */
  static List<Rule> activeRules(List<Rule> all, List<String> enable, List<String> only, List<String> skip,
      Optional<Frameworks> framework) {
    checkNames(all, enable, "--enable-rule");
    checkNames(all, only, "--only-rule");
    checkNames(all, skip, "--skip-rule");
    List<Rule> rules = !only.isEmpty() ? all.stream().filter(r -> named(r, only)).toList()
        : all.stream().filter(r -> r.enabledByDefault() || named(r, enable)).toList();
    rules = rules.stream()
        .filter(r -> !named(r, skip))
        .filter(r -> framework.isEmpty() || r.info().compliance().stream().anyMatch(framework.get()::covers))
        .toList();
    if (rules.isEmpty()) {
      throw new BadInputException(framework.isPresent() ? "--compliance " + framework.get().id() : "--skip-rule",
          "no rule is left to evaluate" + (framework.isPresent() ? " (no selected rule maps to " + framework.get().title + ")" : ""));
    }
    return rules;
  }

  private static boolean named(Rule r, List<String> names) {
    return names.contains(r.name()) || names.stream().anyMatch(r.info().id()::equalsIgnoreCase);
  }

  private static void checkNames(List<Rule> all, List<String> names, String flag) {
    for (String name : names) {
      if (all.stream().noneMatch(r -> named(r, List.of(name)))) {
        throw new BadInputException(flag + " " + name, "no such rule (see 'postern rules list')");
      }
    }
  }

  /**
   * Suppressions first (a suppressed finding is still open), then the baseline: marks findings
   * new or existing and lists the baseline's findings that are gone. Either may be null.
   */
  static ScanResult triage(ScanResult result, Suppressions suppressions, ScanResult baseline, String baselineSource) {
    ScanResult r = result;
    if (suppressions != null) {
      Suppressions.Outcome o = suppressions.apply(r.findings(), r.complete());
      r = r.withFindings(o.findings()).withWarnings(o.warnings());
    }
    if (baseline != null) r = FindingDiff.applyBaseline(r, baseline, baselineSource);
    return r;
  }

  /**
   * The one check every input goes through: a scan that audited no scope (account × region), or
   * none of whose scopes answered any of the base lists (security groups, instances, databases…),
   * is not a clean scan but an error (exit 2).
   */
  static void requireSomethingAudited(Inventory inventory, String input) {
    // Kinds collected for want of anything to describe (no load balancer, so no listener to ask for)
    // do not count: only a list the scope itself answered does.
    boolean anything = inventory.collected().values().stream()
        .anyMatch(kinds -> kinds.stream().anyMatch(InventoryAssembler.BASE_KINDS::contains));
    if (anything) return;
    String why;
    String scopes = inventory.scopes().size() + (inventory.scopes().size() == 1 ? " scope" : " scopes");
    // The failed calls, not the NotCollected notes that follow from them (or from a kind not captured).
    List<CollectionError> failed = inventory.errors().stream().filter(e -> !e.code().equals(InventoryAssembler.NOT_COLLECTED)).toList();
    if (inventory.scopes().isEmpty()) {
      why = "it holds no account and region to audit";
    } else if (!failed.isEmpty()) {
      var first = failed.get(0);
      why = "nothing could be collected in " + scopes + " (" + failed.size() + (failed.size() == 1 ? " failed call" : " failed calls")
          + "; first: " + first.service() + " " + first.operation() + " in " + first.region() + ": " + first.code() + ": "
          + first.message() + ")";
    } else {
      why = "none of the lists a scope is audited from was read in its " + scopes + " (security groups, network interfaces,"
          + " instances, VPCs, subnets, route tables, DB instances and clusters, cache clusters, replication groups,"
          + " Beanstalk environments, load balancers)";
    }
    throw new BadInputException(input, "nothing audited: " + why + "; a scan that looked at nothing is never clean");
  }

  /**
   * What the reports of this run need beyond FAILs: PASS verdicts listed as findings (--show-pass,
   * JUnit), and the picture of the trust graph (DOT, Mermaid). Both cost time and memory on large
   * accounts, so they are made only when asked for.
   */
  record Needs(boolean passes, boolean picture) {
    static final Needs ALL = new Needs(true, true);
  }

  static Audit run(Collection collection, String input, List<Rule> rules) {
    return run(collection, input, rules, new Timings(false), Needs.ALL);
  }

  /** @param input what was read, as the user named it (a folder, a file, "the live scan"), for the "nothing audited" error */
  static Audit run(Collection collection, String input, List<Rule> rules, Timings t, Needs needs) {
    Inventory inventory = InventoryAssembler.assemble(collection);
    requireSomethingAudited(inventory, input);
    t.mark("model");
    TrustGraph graph = TrustGraph.build(inventory);
    t.mark("graph");
    Evaluator.Evaluation evaluation = Evaluator.evaluate(rules, graph, needs.passes());
    List<Finding> findings = evaluation.findings();
    t.mark("rules");
    ScanResult result = new ScanResult(VersionProvider.version(), new ArrayList<>(inventory.scopes()), findings,
        inventory.errors(), rules.size(), rules.stream().map(Rule::info).toList(), inventory.collected(),
        needs.picture() ? TrustMapBuilder.build(graph) : TrustMap.EMPTY, Optional.empty(), List.of(), evaluation.unlistedPasses());
    t.mark("result");
    return new Audit(inventory, graph, result);
  }
}
