package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.Listener;
import dev.postern.model.LoadBalancer;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS security policy of every HTTPS and TLS listener, judged by the policy's name against two
 * lists kept in the rule: {@code weakPolicies} (documented to accept a protocol below the minimum)
 * FAIL, {@code strongPolicies} PASS; a policy in neither list is UNKNOWN, with the command that
 * shows its protocols. One FAIL per weak listener; a load balancer whose listeners were not
 * collected is UNKNOWN.
 */
public final class ListenerTlsPolicyCheck implements Check<ListenerTlsPolicyCheck.Params> {
  public record Params(String minimumProtocol, List<String> weakPolicies, List<String> strongPolicies, String recommendedPolicy) {
    public Params {
      weakPolicies = weakPolicies == null ? List.of() : List.copyOf(weakPolicies);
      strongPolicies = strongPolicies == null ? List.of() : List.copyOf(strongPolicies);
    }
  }

  @Override
  public String name() {
    return "listener-tls-policy";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.minimumProtocol() == null || p.recommendedPolicy() == null || p.weakPolicies().isEmpty() || p.strongPolicies().isEmpty()) {
      throw new IllegalArgumentException("'minimumProtocol', 'recommendedPolicy', 'weakPolicies' and 'strongPolicies' are required");
    }
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (LoadBalancer lb : graph.inventory().loadBalancers()) {
      String region = lb.scope().region();
      if (!lb.listenersKnown()) {
        out.add(Verdict.unknown(lb.ref(), "load balancer " + lb.name() + ": its listeners were not collected, so their TLS policies are unknown; capture them: "
            + "aws elbv2 describe-listeners --region " + region + " --load-balancer-arn " + lb.arn() + " > listeners-" + lb.name() + ".json"));
        continue;
      }
      List<Listener> tls = lb.listeners().stream().filter(Listener::isTls).toList();
      if (tls.isEmpty()) continue; // no TLS at this balancer: the HTTPS-listener rule's business
      List<String> unknown = new ArrayList<>();
      int weak = 0;
      for (Listener l : tls) {
        String policy = l.sslPolicy();
        String where = l.protocol() + " " + l.port();
        if (contains(p.weakPolicies(), policy)) {
          weak++;
          out.add(Verdict.fail(lb.ref(), where, "load balancer " + lb.name() + ": " + where + " listener uses " + policy
              + ", which accepts protocols older than " + p.minimumProtocol(),
              "aws elbv2 modify-listener --region " + region + " --listener-arn " + l.arn() + " --ssl-policy " + p.recommendedPolicy()));
        } else if (!contains(p.strongPolicies(), policy)) {
          unknown.add(where + (policy.isEmpty() ? " (its record names no SslPolicy)" : " (" + policy + ")"));
        }
      }
      if (weak > 0) continue;
      if (!unknown.isEmpty()) {
        String first = tls.stream().map(Listener::sslPolicy).filter(x -> !x.isEmpty() && !contains(p.strongPolicies(), x)).findFirst().orElse("");
        out.add(Verdict.unknown(lb.ref(), "load balancer " + lb.name() + ": whether " + String.join(", ", unknown) + " requires "
            + p.minimumProtocol() + " is not known to postern; " + (first.isEmpty()
                ? "capture the listeners whole: aws elbv2 describe-listeners --region " + region + " --load-balancer-arn " + lb.arn()
                : "see its protocols: aws elbv2 describe-ssl-policies --region " + region + " --names " + first)));
        continue;
      }
      out.add(Verdict.pass(lb.ref(), () -> "load balancer " + lb.name() + ": every TLS listener requires " + p.minimumProtocol() + " or newer"));
    }
    return out;
  }

  private static boolean contains(List<String> list, String s) {
    return !s.isEmpty() && list.contains(s);
  }
}
