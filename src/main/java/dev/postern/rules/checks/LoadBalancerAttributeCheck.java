package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.LoadBalancer;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A load balancer attribute (DescribeLoadBalancerAttributes) must hold one of {@code expected}
 * (ignoring case), on load balancers of the given {@code types}. Attributes not collected, or an
 * answer without the key, are UNKNOWN with the command that reads them.
 */
public final class LoadBalancerAttributeCheck implements Check<LoadBalancerAttributeCheck.Params> {
  public record Params(List<String> types, String key, List<String> expected) {
    public Params {
      types = types == null ? List.of() : List.copyOf(types);
      expected = expected == null ? List.of() : List.copyOf(expected);
    }
  }

  @Override
  public String name() {
    return "load-balancer-attribute";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.key() == null || p.expected().isEmpty()) throw new IllegalArgumentException("'key' and 'expected' are required");
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (LoadBalancer lb : graph.inventory().loadBalancers()) {
      if (!p.types().isEmpty() && !p.types().contains(lb.type())) continue;
      String region = lb.scope().region();
      String capture = "aws elbv2 describe-load-balancer-attributes --region " + region + " --load-balancer-arn " + lb.arn()
          + " > lb-attributes-" + lb.name() + ".json";
      String value = lb.attributes().get(p.key());
      if (!lb.attributesKnown() || value == null) {
        out.add(Verdict.unknown(lb.ref(), "load balancer " + lb.name() + ": " + (lb.attributesKnown()
            ? "its attributes do not list " + p.key() : "its attributes were not collected, so " + p.key() + " is unknown")
            + "; capture them: " + capture));
        continue;
      }
      String shown = "load balancer " + lb.name() + ": " + p.key() + "=" + value;
      if (p.expected().stream().anyMatch(value::equalsIgnoreCase)) {
        out.add(Verdict.pass(lb.ref(), () -> shown));
      } else {
        out.add(Verdict.fail(lb.ref(), "", shown + " (expected " + String.join(" or ", p.expected()) + ")",
            "aws elbv2 modify-load-balancer-attributes --region " + region + " --load-balancer-arn " + lb.arn()
                + " --attributes Key=" + p.key() + ",Value=" + p.expected().get(0)));
      }
    }
    return out;
  }
}
