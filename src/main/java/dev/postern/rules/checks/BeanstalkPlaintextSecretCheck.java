package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.OptionSetting;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * An option setting, in any namespace, holds a literal credential (visible in the console, the API
 * and every saved configuration). Collection already replaced each secret by a mark naming its
 * kind; the finding names the setting and the kind, never the value.
 */
public final class BeanstalkPlaintextSecretCheck implements Check<BeanstalkPlaintextSecretCheck.Params> {
  public record Params() {}

  // Beanstalk repeats every environment property here as NAME=value,…; each property is reported itself.
  private static final String PROPERTIES_COPY_NAMESPACE = "aws:cloudformation:template:parameter";
  private static final String PROPERTIES_COPY_OPTION = "EnvironmentVariables";

  @Override
  public String name() {
    return "beanstalk-plaintext-secret";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (BeanstalkEnvironment env : graph.inventory().environments()) {
      if (!env.settingsKnown()) continue;
      List<Verdict> found = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (OptionSetting s : env.settings()) {
        if (!s.redacted() || isPropertiesCopy(s)) continue;
        Verdict v = verdict(env, s);
        found.add(v);
        names.add(v.reasons().get(0).detail());
      }
      if (found.isEmpty()) {
        out.add(Verdict.pass(env.ref(), "environment " + env.name() + ": no option setting holds a literal credential"));
      } else if (found.size() == 1) {
        out.add(found.get(0));
      } else {
        out.add(Verdict.fail(env.ref(), "environment " + env.name() + ": " + found.size() + " option settings hold a literal credential ("
            + Summaries.and(names) + "); keep secrets in Secrets Manager or SSM", found.stream().flatMap(v -> v.reasons().stream()).toList()));
      }
    }
    return out;
  }

  private static boolean isPropertiesCopy(OptionSetting s) {
    return s.namespace().equals(PROPERTIES_COPY_NAMESPACE) && s.name().equals(PROPERTIES_COPY_OPTION);
  }

  private static Verdict verdict(BeanstalkEnvironment env, OptionSetting s) {
    String what = "holds a literal credential" + kinds(s) + " (value not shown)";
    if (s.namespace().equals(OptionSetting.ENV_PROPERTIES)) {
      return Verdict.fail(env.ref(), s.name(),
          "environment " + env.name() + ": property " + s.name() + " " + what + "; store it in Secrets Manager or SSM and reference it through "
              + OptionSetting.ENV_SECRETS,
          "aws elasticbeanstalk update-environment --region " + env.scope().region() + " --environment-name " + env.name()
              + " --options-to-remove Namespace=" + OptionSetting.ENV_PROPERTIES + ",OptionName=" + s.name()
              + " --option-settings Namespace=" + OptionSetting.ENV_SECRETS + ",OptionName=" + s.name() + ",Value=<secret-arn>");
    }
    // Outside environment properties there is no secrets namespace to move it to: only the advice.
    return Verdict.fail(env.ref(), s.namespace() + " " + s.name(),
        "environment " + env.name() + ": option " + s.namespace() + " " + s.name() + " " + what
            + "; option settings are readable by anyone allowed DescribeConfigurationSettings: remove it from them and keep the secret"
            + " in Secrets Manager or SSM");
  }

  /** ": a JSON Web Token, password in a connection URL", or nothing for a value removed for its name alone. */
  private static String kinds(OptionSetting s) {
    List<String> kinds = OptionSetting.redactedKinds(s.value()).stream()
        .filter(k -> !OptionSetting.REDACTED_VALUE.equals(OptionSetting.mark(k))).toList();
    return kinds.isEmpty() ? "" : ": " + String.join(", ", kinds);
  }
}
