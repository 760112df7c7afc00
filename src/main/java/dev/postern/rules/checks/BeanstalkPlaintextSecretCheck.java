package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.OptionSetting;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A credential-named environment property holds a literal value (visible in the console, the API
 * and every saved configuration). Collection already redacted the value; only the name is shown.
 */
public final class BeanstalkPlaintextSecretCheck implements Check<BeanstalkPlaintextSecretCheck.Params> {
  public record Params() {}

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
      int found = 0;
      for (OptionSetting s : env.environmentProperties()) {
        if (!s.redacted()) continue;
        found++;
        out.add(Verdict.fail(env.ref(), s.name(),
            "environment " + env.name() + ": property " + s.name() + " holds a literal credential"
                + (s.value().equals(OptionSetting.REDACTED_VALUE) ? "" : " in a connection URL") + " (value not shown); store it in Secrets Manager or SSM and reference it through "
                + OptionSetting.ENV_SECRETS,
            "aws elasticbeanstalk update-environment --region " + env.scope().region() + " --environment-name " + env.name()
                + " --options-to-remove Namespace=" + OptionSetting.ENV_PROPERTIES + ",OptionName=" + s.name()
                + " --option-settings Namespace=" + OptionSetting.ENV_SECRETS + ",OptionName=" + s.name() + ",Value=<secret-arn>"));
      }
      if (found == 0) out.add(Verdict.pass(env.ref(), "environment " + env.name() + ": no credential-named property holds a literal value"));
    }
    return out;
  }
}
