package dev.postern.rules.checks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.Listener;
import dev.postern.model.LoadBalancer;
import dev.postern.model.ResourceRef;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * HTTPS at the edge, judged per Beanstalk environment (through its load balancer) and per other
 * internet-facing application load balancer:
 * {@code mode: https-listener}: some listener terminates TLS;
 * {@code mode: http-redirect}: every HTTP listener redirects to HTTPS instead of forwarding.
 * A Beanstalk environment whose load balancer was not collected is judged from its listener
 * option settings; without either there is no verdict.
 */
public final class ListenerCheck implements Check<ListenerCheck.Params> {
  public enum Mode {
    @JsonProperty("https-listener") HTTPS_LISTENER,
    @JsonProperty("http-redirect") HTTP_REDIRECT
  }

  public record Params(Mode mode) {}

  @Override
  public String name() {
    return "load-balancer-listeners";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.mode() == null) throw new IllegalArgumentException("'mode' is required (https-listener or http-redirect)");
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    Set<String> judged = new HashSet<>();
    for (BeanstalkEnvironment env : graph.inventory().environments()) {
      if (!env.isWebServer() || "SingleInstance".equals(env.setting("aws:elasticbeanstalk:environment", "EnvironmentType").orElse(""))) continue;
      List<LoadBalancer> lbs = graph.environmentLoadBalancers(env);
      lbs.forEach(lb -> judged.add(lb.arn()));
      if (!lbs.isEmpty() && lbs.stream().allMatch(LoadBalancer::listenersKnown)) {
        List<Listener> listeners = lbs.stream().flatMap(lb -> lb.listeners().stream()).toList();
        out.add(judge(env.ref(), "environment " + env.name() + " (load balancer " + lbs.get(0).name() + ")", listeners, p, lbs.get(0)));
      } else if (env.settingsKnown()) {
        out.add(judgeSettings(env, p));
      }
    }
    for (LoadBalancer lb : graph.inventory().loadBalancers()) {
      if (judged.contains(lb.arn()) || !lb.internetFacing() || !"application".equals(lb.type()) || !lb.listenersKnown()) continue;
      out.add(judge(lb.ref(), "load balancer " + lb.name(), lb.listeners(), p, lb));
    }
    return out;
  }

  private static Verdict judge(ResourceRef ref, String what, List<Listener> listeners, Params p, LoadBalancer lb) {
    if (p.mode() == Mode.HTTPS_LISTENER) {
      List<Listener> tls = listeners.stream().filter(Listener::isTls).toList();
      if (!tls.isEmpty()) return Verdict.pass(ref, what + " has an HTTPS listener on port " + tls.get(0).port());
      return Verdict.fail(ref, "", what + " has no HTTPS listener (" + describe(listeners) + "): clients talk plain HTTP",
          "aws elbv2 create-listener --region " + lb.scope().region() + " --load-balancer-arn " + lb.arn()
              + " --protocol HTTPS --port 443 --certificates CertificateArn=<acm-certificate-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 --default-actions Type=forward,TargetGroupArn=<target-group-arn>");
    }
    List<Listener> forwarding = listeners.stream().filter(l -> "HTTP".equals(l.protocol()) && !l.redirectsToHttps()).toList();
    if (forwarding.isEmpty()) return Verdict.pass(ref, what + ": every HTTP listener redirects to HTTPS");
    Listener l = forwarding.get(0);
    return Verdict.fail(ref, "", what + ": HTTP listener on port " + l.port() + " forwards (" + actions(l) + ") instead of redirecting to HTTPS",
        "aws elbv2 modify-listener --region " + lb.scope().region() + " --listener-arn " + l.arn()
            + " --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'");
  }

  private Verdict judgeSettings(BeanstalkEnvironment env, Params p) {
    boolean https = false;
    boolean plainForward = false;
    for (var s : env.settings()) {
      if (!s.namespace().startsWith("aws:elbv2:listener:") || !s.name().equals("Protocol")) continue;
      String ns = s.namespace();
      boolean enabled = env.setting(ns, "ListenerEnabled").map(v -> !v.equalsIgnoreCase("false")).orElse(true);
      if (!enabled) continue;
      if (s.value().equals("HTTPS")) https = true;
      if (s.value().equals("HTTP")) plainForward = true; // option settings cannot express a redirect rule
    }
    String what = "environment " + env.name() + " (from its option settings)";
    if (p.mode() == Mode.HTTPS_LISTENER) {
      return https ? Verdict.pass(env.ref(), what + " has an HTTPS listener")
          : Verdict.fail(env.ref(), "", what + " configures no HTTPS listener: clients talk plain HTTP");
    }
    if (!plainForward) return Verdict.pass(env.ref(), what + " configures no plain HTTP listener");
    return new Verdict(env.ref(), dev.postern.model.Status.UNKNOWN, "", what + ": whether HTTP redirects is set on the load balancer, which was not collected",
        List.of(), java.util.Optional.empty());
  }

  private static String describe(List<Listener> listeners) {
    if (listeners.isEmpty()) return "no listeners";
    return String.join(", ", listeners.stream().map(l -> l.protocol() + " " + l.port()).toList());
  }

  private static String actions(Listener l) {
    return String.join(", ", l.defaultActions().stream().map(a -> a.type()).toList());
  }
}
