package dev.postern.rules.checks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.postern.graph.GroupNode;
import dev.postern.graph.NetworkPath;
import dev.postern.graph.Reach;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.Permission;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.PortList;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ingress from the Internet (see {@code graph.InternetSpace}: 0.0.0.0/0, ::/0, Internet-wide ranges, or a
 * prefix list holding them) on a security group. A matching rule from a prefix list whose entries
 * were not captured makes the verdict UNKNOWN, never PASS.
 * One check for the database-port, admin-port, all-ports and any-other-port rules:
 * <ul>
 *   <li>{@code match: listed-ports}: a rule covering any of {@code ports} (protocol -1 covers all);
 *   <li>{@code match: all-ports}: protocol -1 or a 0-65535 range;
 *   <li>{@code match: other-ports}: a rule that opens some port outside {@code exceptPorts}, not
 *       counting rules that open all ports when {@code skipAllPorts} is set.
 * </ul>
 * Groups whose every tier is in {@code exemptTiers} (e.g. {@code edge}: a load balancer's listeners) pass.
 * {@code groups} picks which groups are judged: {@code all} (default); {@code in-use}: all but
 * those known to be attached to nothing ({@code GroupNode.unused()}: they expose nothing today);
 * {@code unused}: only groups with no attachment, UNKNOWN when what could be attached was not collected.
 * ICMP has no ports and never matches.
 */
public final class IngressFromInternetCheck implements Check<IngressFromInternetCheck.Params> {
  public enum Match {
    @JsonProperty("listed-ports") LISTED_PORTS,
    @JsonProperty("all-ports") ALL_PORTS,
    @JsonProperty("other-ports") OTHER_PORTS
  }

  public enum Groups {
    @JsonProperty("all") ALL,
    @JsonProperty("in-use") IN_USE,
    @JsonProperty("unused") UNUSED
  }

  public record Params(Match match, PortList ports, PortList exceptPorts, Boolean skipAllPorts, List<Tier> exemptTiers, Groups groups) {
    public Params {
      groups = groups == null ? Groups.ALL : groups;
      ports = ports == null ? PortList.NONE : ports;
      exceptPorts = exceptPorts == null ? PortList.NONE : exceptPorts;
      skipAllPorts = skipAllPorts != null && skipAllPorts;
      exemptTiers = exemptTiers == null ? List.of() : List.copyOf(exemptTiers);
    }
  }

  @Override
  public String name() {
    return "ingress-from-internet";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.match() == null) throw new IllegalArgumentException("'match' is required (listed-ports, all-ports or other-ports)");
    if (p.match() == Match.LISTED_PORTS && p.ports().isEmpty()) throw new IllegalArgumentException("'ports' is required with match: listed-ports");
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    NetworkPath path = graph.networkPath();
    for (GroupNode n : graph.groupNodes()) evaluate(n, p, out, path);
    return out;
  }

  /**
   * Whether anything wearing the group is reachable from the Internet over the whole network path on
   * one of the matched rules (the per-layer rule keeps its severity either way: FSBP judges the layer).
   */
  static dev.postern.model.Reachability reachability(NetworkPath path, SecurityGroup g, List<Reach> matched) {
    List<NetworkPath.Judgement> all = new ArrayList<>();
    for (Reach r : matched) {
      Permission perm = r.permission();
      all.addAll(path.toGroup(g.scope(), g.id(), new NetworkPath.Query(perm.protocol(), perm.fromPort(), perm.toPort(), r.source().value()),
          g.id() + " " + perm.portLabel()));
    }
    return path.summarise(all, "nothing postern saw wears " + g.id() + ", so nothing has an address the Internet could reach");
  }

  private static void evaluate(GroupNode n, Params p, List<Verdict> out, NetworkPath path) {
    SecurityGroup g = n.group();
    if (p.groups() == Groups.IN_USE && n.unused()) return; // the unused-group rule's business
    if (p.groups() == Groups.UNUSED && !n.attachments().isEmpty()) return; // in use: the exposure rules' business
    // Exempt only a group used by nothing else: a load balancer's group reused on instances is not the edge.
    if (!n.tiers().isEmpty() && p.exemptTiers().containsAll(n.tiers())) {
      out.add(Verdict.pass(n.ref(), () -> g.label() + " is on the " + n.tierLabel() + " tier; Internet ingress is expected there"));
      return;
    }
    Set<String> seen = null;
    List<Reach> matched = null;
    List<Verdict.Reason> reasons = null;
    List<Summaries.PortFrom> ports = null;
    for (Reach r : n.internetIngress()) {
      if (!matches(r.permission(), p)) continue;
      String what = r.permission().portLabel() + " from " + r.source().label();
      if (seen == null) {
        seen = new LinkedHashSet<>();
        reasons = new ArrayList<>();
        ports = new ArrayList<>();
        matched = new ArrayList<>();
      }
      matched.add(r);
      if (seen.add(what)) {
        if (p.groups() == Groups.UNUSED && !n.membersKnown()) continue;
        String where = p.groups() == Groups.UNUSED
            ? "; it is attached to nothing (no instance, interface, load balancer, database or cache), so it exposes nothing today, "
                + "but anything attached to it later is exposed: delete the group or remove the rule"
            : "; " + n.attachmentLabel();
        reasons.add(new Verdict.Reason(what, g.label() + " allows " + what + where,
            List.of(Fixes.revokeIngress(g, r.permission(), r.source()))));
        ports.add(new Summaries.PortFrom(r.permission().portLabel(), r.source().label()));
      }
    }
    if (seen != null && p.groups() == Groups.UNUSED && !n.membersKnown()) {
      out.add(Verdict.unknown(n.ref(), g.label() + " allows " + String.join(", ", seen) + " and nothing postern saw is attached to it, "
          + "but whether it is unused is unknown: instances, network interfaces, load balancers, databases and caches of "
          + g.scope() + " were not all collected"));
      return;
    }
    if (seen != null) {
      String where = p.groups() == Groups.UNUSED ? "; it is attached to nothing, so it exposes nothing today: delete the group or remove the rule"
          : "; " + n.attachmentLabel();
      Verdict v = Verdict.fail(n.ref(), reasons.size() == 1 ? reasons.get(0).message() : g.label() + " allows " + Summaries.portsFrom(ports) + where,
          reasons);
      out.add(p.groups() == Groups.UNUSED ? v : v.reaching(reachability(path, g, matched)));
      return;
    }
    // A matching rule from a prefix list whose entries are unknown may be the Internet: no PASS.
    Set<String> unknown = null; // most groups have none: nothing allocated for them
    List<Reach> uncaptured = n.uncapturedPrefixListIngress();
    for (int i = 0; i < uncaptured.size(); i++) {
      Reach r = uncaptured.get(i);
      if (!matches(r.permission(), p)) continue;
      if (unknown == null) unknown = new java.util.TreeSet<>();
      unknown.add(r.source().value());
    }
    if (unknown == null) {
      out.add(Verdict.pass(n.ref(), () -> g.label() + " admits none of these from the Internet"));
      return;
    }
    String region = g.scope().region().isEmpty() ? "" : " --region " + g.scope().region();
    StringBuilder capture = new StringBuilder();
    for (String pl : unknown) {
      capture.append(capture.length() == 0 ? "" : "; ").append("aws ec2 get-managed-prefix-list-entries --prefix-list-id ")
          .append(pl).append(region).append(" > entries-").append(pl).append(".json");
    }
    out.add(Verdict.unknown(n.ref(), g.label() + " admits these ports from prefix list " + String.join(", ", unknown)
        + " whose entries were not captured, so whether the Internet may connect is unknown; capture them: " + capture));
  }

  static boolean matches(Permission perm, Params p) {
    if (!perm.hasPorts()) return false;
    return switch (p.match()) {
      case LISTED_PORTS -> perm.coversAny(p.ports().ranges());
      case ALL_PORTS -> perm.allPorts();
      case OTHER_PORTS -> !(p.skipAllPorts() && perm.allPorts()) && p.exceptPorts().leavesOut(perm.fromPort(), perm.toPort());
    };
  }
}
