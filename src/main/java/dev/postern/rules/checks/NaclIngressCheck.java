package dev.postern.rules.checks;

import dev.postern.graph.NetworkPath;
import dev.postern.graph.TrustGraph;
import dev.postern.model.NaclEntry;
import dev.postern.model.NetworkAcl;
import dev.postern.model.PortRange;
import dev.postern.model.ResourceRef;
import dev.postern.rules.Check;
import dev.postern.rules.PortList;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network ACL admits one of {@code ports} (TCP) from the Internet, 0.0.0.0/0 or ::/0, as EC2
 * evaluates it: entries in rule-number order, the first match deciding (a deny at a lower number
 * before an allow closes the port). A network ACL associated with no subnet filters nothing and
 * passes. The network ACL layer alone, as FSBP EC2.21 judges it; the exposure rules judge the path.
 */
public final class NaclIngressCheck implements Check<NaclIngressCheck.Params> {
  public record Params(PortList ports) {
    public Params {
      ports = ports == null ? PortList.NONE : ports;
    }
  }

  @Override
  public String name() {
    return "nacl-ingress-from-internet";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.ports().isEmpty()) throw new IllegalArgumentException("'ports' is required");
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (NetworkAcl a : graph.inventory().networkAcls()) {
      ResourceRef ref = new ResourceRef("network-acl", a.id(), "", "", a.scope());
      if (a.subnetIds().isEmpty()) {
        out.add(Verdict.pass(ref, () -> a.id() + " is associated with no subnet: it filters nothing"));
        continue;
      }
      List<Verdict.Reason> reasons = new ArrayList<>();
      for (PortRange r : p.ports().ranges()) {
        for (String source : List.of("0.0.0.0/0", "::/0")) {
          // A range is judged at its ends and the ports where an entry of the ACL starts or ends inside it.
          for (int port : probes(a, r)) {
            Optional<NaclEntry> e = NetworkPath.admits(a, source, "tcp", port);
            if (e.isEmpty()) continue;
            String what = "tcp/" + port + " from " + source;
            String fix = "aws ec2 create-network-acl-entry --region " + a.scope().region() + " --network-acl-id " + a.id() + " --ingress"
                + " --rule-number <below " + e.get().ruleNumber() + "> --protocol tcp --port-range From=" + port + ",To=" + port
                + (source.contains(":") ? " --ipv6-cidr-block ::/0" : " --cidr-block 0.0.0.0/0") + " --rule-action deny";
            reasons.add(new Verdict.Reason(what, a.id() + (a.isDefault() ? " (default)" : "") + " rule " + e.get().ruleLabel() + " allows "
                + e.get().protocolLabel() + ": it admits " + what + " to " + String.join(", ", a.subnetIds()), List.of(fix)));
            break;
          }
        }
      }
      if (reasons.isEmpty()) {
        out.add(Verdict.pass(ref, () -> a.id() + " admits none of these ports from the Internet"));
      } else {
        out.add(Verdict.fail(ref, reasons.size() == 1 ? reasons.get(0).message()
            : a.id() + " admits " + String.join(", ", reasons.stream().map(Verdict.Reason::detail).toList()) + " from the Internet", reasons));
      }
    }
    return out;
  }

  private static List<Integer> probes(NetworkAcl a, PortRange r) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>(List.of(r.from(), r.to()));
    for (NaclEntry e : a.entries(false)) {
      for (int x : new int[] {e.fromPort(), e.toPort(), e.fromPort() - 1, e.toPort() + 1}) if (x >= r.from() && x <= r.to()) out.add(x);
    }
    return List.copyOf(out);
  }
}
