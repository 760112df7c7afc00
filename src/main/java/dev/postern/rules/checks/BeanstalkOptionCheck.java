package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Beanstalk option setting must hold one of {@code expected} (compared ignoring case). When the
 * environment does not list the option, {@code whenAbsent} is used as its value; without one, the
 * environment is UNKNOWN. Environments whose settings were not collected are UNKNOWN, with the
 * command that captures them.
 */
public final class BeanstalkOptionCheck implements Check<BeanstalkOptionCheck.Params> {
  public record Params(String namespace, String option, List<String> expected, String whenAbsent, String fix) {
    public Params {
      expected = expected == null ? List.of() : List.copyOf(expected);
      whenAbsent = whenAbsent == null ? "" : whenAbsent;
      fix = fix == null ? "" : fix;
    }
  }

  @Override
  public String name() {
    return "beanstalk-option";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.namespace() == null || p.option() == null || p.expected().isEmpty()) {
      throw new IllegalArgumentException("'namespace', 'option' and 'expected' are required");
    }
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (BeanstalkEnvironment env : graph.inventory().environments()) {
      String capture = "aws elasticbeanstalk describe-configuration-settings --region " + env.scope().region()
          + " --application-name " + env.application() + " --environment-name " + env.name() + " > settings-" + env.name() + ".json";
      if (!env.settingsKnown()) {
        out.add(Verdict.unknown(env.ref(), "environment " + env.name() + ": its configuration settings were not collected, so "
            + p.namespace() + " " + p.option() + " is unknown; capture them: " + capture));
        continue;
      }
      Optional<String> set = env.setting(p.namespace(), p.option());
      String value = set.orElse(p.whenAbsent());
      if (value.isEmpty()) {
        out.add(Verdict.unknown(env.ref(), "environment " + env.name() + ": its settings do not list " + p.namespace() + " " + p.option()
            + " (an abridged capture?); capture them whole: " + capture));
        continue;
      }
      String shown = p.namespace() + " " + p.option() + "=" + value + (set.isEmpty() ? " (the default)" : "");
      if (p.expected().stream().anyMatch(value::equalsIgnoreCase)) {
        out.add(Verdict.pass(env.ref(), "environment " + env.name() + ": " + shown));
      } else {
        String cmd = "aws elasticbeanstalk update-environment --region " + env.scope().region() + " --environment-name " + env.name()
            + " --option-settings Namespace=" + p.namespace() + ",OptionName=" + p.option() + ",Value=" + p.expected().get(0);
        out.add(Verdict.fail(env.ref(), "", "environment " + env.name() + ": " + shown + " (expected " + String.join(" or ", p.expected()) + ")"
            + (p.fix().isEmpty() ? "" : "; " + p.fix()), cmd));
      }
    }
    return out;
  }
}
