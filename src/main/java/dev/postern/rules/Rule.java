package dev.postern.rules;

import dev.postern.graph.TrustGraph;
import dev.postern.model.RuleInfo;
import dev.postern.model.Severity;
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
  private final List<SeverityWhen> severityWhen;
  private final String severityRationale;

  /** A severity other than the rule's that some of its findings get, and when (as the rule file states it). */
  public record SeverityWhen(Severity severity, String when) {}

  Rule(RuleInfo info, Check<?> check, Object params, Map<String, Object> rawParams, String source, boolean enabledByDefault) {
    this(info, check, params, rawParams, source, enabledByDefault, List.of(), "");
  }

  @SuppressWarnings("unchecked")
  Rule(RuleInfo info, Check<?> check, Object params, Map<String, Object> rawParams, String source, boolean enabledByDefault,
      List<SeverityWhen> severityWhen, String severityRationale) {
    this.severityWhen = List.copyOf(severityWhen);
    this.severityRationale = severityRationale;
    this.info = info;
    this.check = (Check<Object>) check;
    this.params = params;
    this.rawParams = Map.copyOf(rawParams);
    this.source = source;
    this.enabledByDefault = enabledByDefault;
  }

  /** The context-dependent severities: findings at another severity than {@code info().severity()}, and when. */
  public List<SeverityWhen> severityWhen() {
    return severityWhen;
  }

  /** Why the rule's severity differs from the compliance controls it maps to; empty when it does not. */
  public String severityRationale() {
    return severityRationale;
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
