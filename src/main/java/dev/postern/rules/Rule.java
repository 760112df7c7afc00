package dev.postern.rules;

import dev.postern.graph.TrustGraph;
import dev.postern.model.RuleInfo;
import java.util.List;
import java.util.Map;

/** A loaded rule: its metadata, its check and the check's typed parameters. */
public final class Rule {
  private final RuleInfo info;
  private final Check<Object> check;
  private final Object params;
  private final Map<String, Object> rawParams;
  private final String source;
  private final boolean enabledByDefault;

  @SuppressWarnings("unchecked")
  Rule(RuleInfo info, Check<?> check, Object params, Map<String, Object> rawParams, String source, boolean enabledByDefault) {
    this.info = info;
    this.check = (Check<Object>) check;
    this.params = params;
    this.rawParams = Map.copyOf(rawParams);
    this.source = source;
    this.enabledByDefault = enabledByDefault;
  }

  /** False for opt-in rules ({@code enabled: false}): evaluated only with {@code --enable-rule}. */
  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  public RuleInfo info() {
    return info;
  }

  public String name() {
    return info.name();
  }

  /** The params as written in the YAML (for {@code rules show}). */
  public Map<String, Object> rawParams() {
    return rawParams;
  }

  /** Where the rule was loaded from. */
  public String source() {
    return source;
  }

  public List<Verdict> evaluate(TrustGraph graph) {
    return check.evaluate(graph, params);
  }
}
