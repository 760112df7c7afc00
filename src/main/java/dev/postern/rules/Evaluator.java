package dev.postern.rules;

import dev.postern.graph.TrustGraph;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Runs rules over one immutable graph and turns verdicts into findings with stable ids. */
public final class Evaluator {
  private Evaluator() {}

  /** Findings in rule order; PASS verdicts are counted, and listed only when {@code keepPass}. */
  public record Evaluation(List<Finding> findings, long unlistedPasses) {}

  /** Rules are independent and the graph immutable: they run in parallel, results in rule order. */
  public static Evaluation evaluate(List<Rule> rules, TrustGraph graph, boolean keepPass) {
    List<Evaluation> perRule = rules.parallelStream().map(r -> evaluate(r, graph, keepPass)).toList();
    List<Finding> out = new ArrayList<>();
    long passes = 0;
    for (Evaluation e : perRule) {
      out.addAll(e.findings());
      passes += e.unlistedPasses();
    }
    return new Evaluation(out, passes);
  }

  private static Evaluation evaluate(Rule rule, TrustGraph graph, boolean keepPass) {
    List<Finding> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    long passes = 0;
    for (Verdict v : rule.evaluate(graph)) {
      if (!keepPass && v.status() == Status.PASS) {
        passes++;
        continue;
      }
      String id = findingId(rule.name(), v.resource(), v.discriminator());
      if (ids.add(id)) {
        out.add(new Finding(id, rule.info(), v.severity().orElse(rule.info().severity()), v.status(), v.resource(),
            v.discriminator(), v.message(), v.remediationCommands()));
      }
    }
    return new Evaluation(out, passes);
  }

  /**
   * Stable across runs, input order and unrelated changes: the rule name (not its id, which a
   * catalogue renumbering could change), account, region, resource type and id, discriminator.
   */
  public static String findingId(String ruleName, ResourceRef r, String discriminator) {
    String key = String.join("\u001f", ruleName, r.scope().account(), r.scope().region(), r.type(), r.id(), discriminator);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "pf-" + HexFormat.of().formatHex(d, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
