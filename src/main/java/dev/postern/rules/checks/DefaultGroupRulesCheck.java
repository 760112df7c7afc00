package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A VPC's default security group should have no rules at all (FSBP EC2.2). At the rule's severity
 * when something postern saw is attached to it; at {@code unusedSeverity} when nothing is: the
 * rules AWS created with the VPC, waiting for whatever is launched without a group of its own. (A
 * high needs evidence of use; when attachments were not all collected the scan is incomplete and
 * the message says so.)
 */
public final class DefaultGroupRulesCheck implements Check<DefaultGroupRulesCheck.Params> {
  public record Params(dev.postern.model.Severity unusedSeverity) {
    public Params {
      unusedSeverity = unusedSeverity == null ? dev.postern.model.Severity.LOW : unusedSeverity;
    }
  }

  @Override
  public String name() {
    return "default-group-has-rules";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (SecurityGroup g : graph.groups()) {
      if (!g.isDefault()) continue;
      int in = g.ingress().size();
      int eg = g.egress().size();
      if (in + eg == 0) {
        out.add(Verdict.pass(graph.ref(g), () -> g.label() + " has no rules"));
      } else {
        dev.postern.graph.GroupNode n = graph.node(g);
        boolean unused = n == null || n.attachments().isEmpty();
        String none = n != null && n.membersKnown() ? "nothing is attached to it now"
            : "nothing postern saw is attached to it (not all of what can be was collected)";
        Verdict v = Verdict.fail(graph.ref(g), "",
            g.label() + " of " + g.vpcId() + " has " + in + " ingress and " + eg + " egress rule(s); "
                + (unused ? none + ", but anything launched without a group of its own gets them" : graph.attachmentLabel(g)));
        out.add(unused ? v.at(p.unusedSeverity()) : v);
      }
    }
    return out;
  }
}
