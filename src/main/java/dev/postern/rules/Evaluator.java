package dev.postern.rules;

import dev.postern.graph.TrustGraph;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
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

  public static List<Finding> evaluate(List<Rule> rules, TrustGraph graph) {
    List<Finding> out = new ArrayList<>();
    for (Rule rule : rules) {
      Set<String> ids = new HashSet<>();
      for (Verdict v : rule.evaluate(graph)) {
        String id = findingId(rule.name(), v.resource(), v.discriminator());
        if (ids.add(id)) {
          out.add(new Finding(id, rule.info(), v.severity().orElse(rule.info().severity()), v.status(), v.resource(), v.discriminator(), v.message(), v.remediationCommands()));
        }
      }
    }
    return out;
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
