package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.TrustGraph;
import dev.postern.model.Severity;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ingress rule references a group that does not exist in the same account and region (it was
 * deleted: the rule trusts nothing today, and whatever reuses the id tomorrow). A reference to
 * another account's group cannot be checked: reported at {@code crossAccountSeverity}.
 */
public final class GroupReferenceCheck implements Check<GroupReferenceCheck.Params> {
  public record Params(Severity crossAccountSeverity) {
    public Params {
      crossAccountSeverity = crossAccountSeverity == null ? Severity.INFO : crossAccountSeverity;
    }
  }

  @Override
  public String name() {
    return "group-reference-resolves";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (GroupNode n : graph.groupNodes()) evaluate(n, p, out);
    return out;
  }

  private static void evaluate(GroupNode n, Params p, List<Verdict> out) {
    SecurityGroup g = n.group();
    {
      Set<String> seen = new LinkedHashSet<>();
      for (Reach r : n.ingress()) {
        if (r.source().kind() != Source.Kind.GROUP || r.sourceGroup().isPresent()) continue;
        String ref = r.source().value();
        String owner = r.source().ownerAccount();
        boolean crossAccount = !owner.isEmpty() && !owner.equals(g.scope().account()) && !owner.equals(g.ownerAccount());
        if (!seen.add(ref)) continue;
        if (crossAccount) {
          out.add(Verdict.fail(n.ref(), ref,
              g.label() + " trusts " + ref + " of account " + r.source().ownerAccount() + " on " + r.permission().portLabel()
                  + "; that account was not audited, so what the group admits cannot be checked").at(p.crossAccountSeverity()));
        } else {
          out.add(Verdict.fail(n.ref(), ref,
              g.label() + " trusts " + ref + " on " + r.permission().portLabel() + ", but no such group exists in "
                  + g.scope() + " (deleted?); remove the rule",
              Fixes.revokeIngress(g, r.permission(), r.source())));
        }
      }
      if (seen.isEmpty()) out.add(Verdict.pass(n.ref(), () -> g.label() + ": every referenced group exists"));
    }
  }
}
