package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.CacheCluster;
import dev.postern.model.DataStore;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
import dev.postern.model.ReplicationGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One field of a data store's AWS record, named as AWS names it ({@code MasterUsername},
 * {@code IAMDatabaseAuthenticationEnabled}, {@code Port}, {@code CacheSubnetGroupName}), judged
 * against values in the rule: FAIL when it is one of {@code disallowed} (or of the longest engine
 * prefix's {@code disallowedByEngine} entry), or not one of {@code allowed} when that is given;
 * compared ignoring case. A record without the field is UNKNOWN, never read as a default.
 * {@code resources} (resource types) and {@code engines} (engine-name prefixes) limit what is judged.
 */
public final class DataStoreFieldCheck implements Check<DataStoreFieldCheck.Params> {
  public record Params(String field, String what, List<String> resources, List<String> engines, List<String> allowed,
      List<String> disallowed, Map<String, List<String>> disallowedByEngine, String fix) {
    public Params {
      resources = resources == null ? List.of() : List.copyOf(resources);
      engines = engines == null ? List.of() : List.copyOf(engines);
      allowed = allowed == null ? List.of() : List.copyOf(allowed);
      disallowed = disallowed == null ? List.of() : List.copyOf(disallowed);
      disallowedByEngine = disallowedByEngine == null ? Map.of() : Map.copyOf(disallowedByEngine);
      fix = fix == null ? "" : fix;
    }
  }

  @Override
  public String name() {
    return "datastore-field";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.field() == null || p.field().isBlank()) throw new IllegalArgumentException("'field' is required (the AWS field name)");
    if (p.what() == null || p.what().isBlank()) throw new IllegalArgumentException("'what' is required (what the field is, for messages)");
    if (p.allowed().isEmpty() && p.disallowed().isEmpty() && p.disallowedByEngine().isEmpty()) {
      throw new IllegalArgumentException("one of 'allowed', 'disallowed' or 'disallowedByEngine' is required");
    }
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (DataStore d : graph.dataStores()) {
      String engine = d.engine().toLowerCase(Locale.ROOT);
      if (!p.resources().isEmpty() && !p.resources().contains(d.ref().type())) continue;
      if (!p.engines().isEmpty() && p.engines().stream().noneMatch(engine::startsWith)) continue;
      String label = d.ref().label() + (d.engine().isEmpty() ? "" : " (" + d.engine() + ")");
      String value = d.fields().get(p.field());
      if (value == null) {
        out.add(Verdict.unknown(d.ref(), d.ref().label() + ": its record does not say its " + p.what() + " (" + p.field()
            + " absent: a truncated capture?); capture it whole: " + capture(d)));
        continue;
      }
      List<String> bad = new ArrayList<>(p.disallowed());
      bad.addAll(byEngine(p.disallowedByEngine(), engine));
      boolean disallowed = bad.stream().anyMatch(value::equalsIgnoreCase);
      boolean notAllowed = !p.allowed().isEmpty() && p.allowed().stream().noneMatch(value::equalsIgnoreCase);
      String shown = p.what() + " is " + value + " (" + p.field() + ")";
      if (disallowed) {
        out.add(Verdict.fail(d.ref(), "", label + ": " + shown + ", one of " + String.join(", ", bad) + (p.fix().isEmpty() ? "" : "; " + p.fix())));
      } else if (notAllowed) {
        out.add(Verdict.fail(d.ref(), "", label + ": " + shown + ", expected " + String.join(" or ", p.allowed())
            + (p.fix().isEmpty() ? "" : "; " + p.fix())));
      } else {
        out.add(Verdict.pass(d.ref(), () -> label + ": " + shown));
      }
    }
    return out;
  }

  /** The values of the longest engine prefix that the engine starts with. */
  static List<String> byEngine(Map<String, List<String>> byEngine, String engine) {
    String best = null;
    for (String prefix : byEngine.keySet()) {
      if (engine.startsWith(prefix.toLowerCase(Locale.ROOT)) && (best == null || prefix.length() > best.length())) best = prefix;
    }
    return best == null ? List.of() : byEngine.get(best);
  }

  /** The command whose whole output has the field (a replication group's come from its member clusters). */
  static String capture(DataStore d) {
    String region = d.ref().scope().region().isEmpty() ? "" : " --region " + d.ref().scope().region();
    if (d instanceof DbCluster) return "aws rds describe-db-clusters" + region + " > describe-db-clusters.json";
    if (d instanceof DbInstance) return "aws rds describe-db-instances" + region + " > describe-db-instances.json";
    if (d instanceof ReplicationGroup || d instanceof CacheCluster) {
      return "aws elasticache describe-cache-clusters --show-cache-node-info" + region + " > describe-cache-clusters.json";
    }
    return "the " + d.service() + " describe command for " + d.ref().label();
  }
}
