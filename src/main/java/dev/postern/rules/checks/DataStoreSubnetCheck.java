package dev.postern.rules.checks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.postern.graph.NetworkPath;
import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.NaclEntry;
import dev.postern.model.NetworkAcl;
import dev.postern.model.ResourceKind;
import dev.postern.model.Route;
import dev.postern.model.RouteTable;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subnets a data store's interfaces sit in ({@link NetworkPath#subnetsOf}), one layer at a time:
 * <ul>
 *   <li>{@code routes-to-internet-gateway}: a subnet whose route table (explicit, else the VPC's
 *       main) sends 0.0.0.0/0 or ::/0 to an internet gateway (FSBP RDS.46, for caches too);
 *   <li>{@code default-nacl-admits-all}: a subnet left on its VPC's default network ACL whose first
 *       inbound entry for 0.0.0.0/0 admits all traffic.
 * </ul>
 * UNKNOWN when the subnets, route tables or network ACLs needed were not collected.
 */
public final class DataStoreSubnetCheck implements Check<DataStoreSubnetCheck.Params> {
  public enum Match {
    @JsonProperty("routes-to-internet-gateway") ROUTES_TO_INTERNET_GATEWAY,
    @JsonProperty("default-nacl-admits-all") DEFAULT_NACL_ADMITS_ALL
  }

  public record Params(Match match) {}

  @Override
  public String name() {
    return "datastore-subnet";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.match() == null) throw new IllegalArgumentException("'match' is required (routes-to-internet-gateway or default-nacl-admits-all)");
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    NetworkPath path = graph.networkPath();
    List<Verdict> out = new ArrayList<>();
    for (DataStore d : graph.inventory().dataStores()) {
      var ref = d.ref();
      var scope = ref.scope();
      List<String> subnets = path.subnetsOf(d);
      if (subnets.isEmpty()) {
        out.add(Verdict.unknown(ref, ref.label() + ": the subnets it sits in are not known (no subnet group, or for a cache, no network interface of its nodes)"));
        continue;
      }
      ResourceKind needed = p.match() == Match.ROUTES_TO_INTERNET_GATEWAY ? ResourceKind.ROUTE_TABLES : ResourceKind.NETWORK_ACLS;
      if (!graph.isCollected(scope, needed)) {
        out.add(Verdict.unknown(ref, ref.label() + ": " + needed.id().replace('-', ' ') + " of " + scope + " not collected (ec2 "
            + (needed == ResourceKind.ROUTE_TABLES ? "describe-route-tables" : "describe-network-acls") + ")"));
        continue;
      }
      List<Verdict.Reason> reasons = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String subnet : subnets) {
        String vpc = path.vpcOfSubnet(scope, subnet);
        if (p.match() == Match.ROUTES_TO_INTERNET_GATEWAY) {
          Optional<RouteTable> t = path.routeTable(scope, vpc, subnet);
          if (t.isEmpty()) {
            unknown.add("no route table of " + subnet + " in the capture");
            continue;
          }
          for (Route r : t.get().routes()) {
            if (r.defaultRoute() && r.toInternetGateway()) {
              String table = t.get().id() + (path.explicitlyRouted(scope, subnet) ? "" : " (main)");
              reasons.add(new Verdict.Reason(subnet, ref.label() + " may sit in " + subnet + ", whose route table " + table + " sends "
                  + r.destination() + " to " + r.target() + ": a public subnet; a data store belongs in private subnets",
                  List.of("aws ec2 replace-route-table-association --region " + scope.region() + " --association-id <the association of "
                      + subnet + "> --route-table-id <a table without a route to " + r.target() + ">")));
              break;
            }
          }
        } else {
          Optional<NetworkAcl> a = path.networkAcl(scope, vpc, subnet);
          if (a.isEmpty()) {
            unknown.add("no network ACL of " + subnet + " in the capture");
            continue;
          }
          Optional<NaclEntry> first = NetworkPath.firstForAll(a.get(), "0.0.0.0/0");
          if (a.get().isDefault() && first.isPresent() && first.get().allow()) {
            reasons.add(new Verdict.Reason(subnet, ref.label() + " may sit in " + subnet + ", left on its VPC's default network ACL "
                + a.get().id() + " whose rule " + first.get().ruleLabel() + " admits all traffic from 0.0.0.0/0: the data tier has no"
                + " network ACL of its own", List.of("aws ec2 create-network-acl --region " + scope.region() + " --vpc-id " + vpc
                    + "; then aws ec2 replace-network-acl-association to put " + subnet + " on it")));
          }
        }
      }
      if (!reasons.isEmpty()) {
        out.add(Verdict.fail(ref, reasons.size() == 1 ? reasons.get(0).message() : ref.label() + " may sit in "
            + String.join(", ", reasons.stream().map(Verdict.Reason::detail).toList()) + ": " + reasons.get(0).message(), reasons));
      } else if (!unknown.isEmpty()) {
        out.add(Verdict.unknown(ref, ref.label() + ": " + String.join("; ", unknown)));
      } else {
        out.add(Verdict.pass(ref, () -> ref.label() + ": " + (p.match() == Match.ROUTES_TO_INTERNET_GATEWAY
            ? "none of its subnets routes to an internet gateway" : "none of its subnets is on a default network ACL admitting everything")));
      }
    }
    return out;
  }
}
