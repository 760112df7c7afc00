package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/** A VPC's default security group should have no rules at all (FSBP EC2.2). */
public final class DefaultGroupRulesCheck implements Check<DefaultGroupRulesCheck.Params> {
  public record Params() {}

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
        out.add(Verdict.fail(graph.ref(g), "",
            g.label() + " of " + g.vpcId() + " has " + in + " ingress and " + eg + " egress rule(s); "
                + graph.attachmentLabel(g)));
      }
    }
    return out;
  }
}
