package dev.postern.rules.checks;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data store's group admits a CIDR (other than the Internet, which the port rules report)
 * instead of a group reference: every address in the range is trusted, whatever runs there.
 */
public final class DataStoreAdmitsCidrCheck implements Check<DataStoreAdmitsCidrCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "datastore-admits-cidr";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    Map<String, String> sizes = new HashMap<>(); // a range's size in words, per prefix (formatting is the cost)
    for (GroupNode n : graph.groupNodes()) {
      if (!n.hasTier(Tier.DATA)) continue;
      SecurityGroup g = n.group();
      Set<String> seen = new LinkedHashSet<>();
      List<Verdict.Reason> reasons = new ArrayList<>();
      List<Summaries.PortFrom> ports = new ArrayList<>();
      for (Reach r : n.ingress()) {
        if (r.source().kind() != Source.Kind.CIDR) continue;
        String what = r.permission().portLabel() + " from " + r.source().value();
        if (!seen.add(what)) continue;
        reasons.add(new Verdict.Reason(what,
            g.label() + " admits " + what + " (" + sizes.computeIfAbsent(prefix(r.source().value()), DataStoreAdmitsCidrCheck::addresses) + ") instead of an application group; "
                + n.attachmentLabel(),
            List.of(Fixes.revokeIngress(g, r.permission(), r.source()))));
        ports.add(new Summaries.PortFrom(r.permission().portLabel(), r.source().value()));
      }
      if (seen.isEmpty()) {
        out.add(Verdict.pass(n.ref(), () -> g.label() + " admits no CIDR range"));
      } else {
        String summary = reasons.size() == 1 ? reasons.get(0).message()
            : g.label() + " admits " + Summaries.portsFrom(ports) + " instead of an application group; " + n.attachmentLabel();
        out.add(Verdict.fail(n.ref(), summary, reasons));
      }
    }
    return out;
  }

  /**
   * What {@link #addresses} says of a range depends on only this: its prefix length, and whether it
   * is IPv6 ({@code "/16"}, {@code "::/64"}); the whole text when it has no prefix.
   */
  static String prefix(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : (cidr.contains(":") ? "::" : "") + cidr.substring(slash);
  }

  /** {@code 65,536 addresses}; IPv6 counts as a power of two. */
  static String addresses(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) return "1 address";
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return "unknown size";
    }
    int bits = (cidr.contains(":") ? 128 : 32) - prefix;
    if (bits < 0) return "unknown size";
    if (bits > 62) return "2^" + bits + " addresses";
    BigInteger n = BigInteger.ONE.shiftLeft(bits);
    return String.format("%,d address%s", n, n.equals(BigInteger.ONE) ? "" : "es");
  }
}
