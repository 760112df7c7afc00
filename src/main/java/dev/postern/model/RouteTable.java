package dev.postern.model;

import java.util.List;

/** A route table; {@code main} tables serve every subnet of the VPC without an explicit association. */
public record RouteTable(
    Scope scope, String id, String vpcId, boolean main, List<String> subnetIds, List<Route> routes) {
  public RouteTable {
    subnetIds = List.copyOf(subnetIds);
    routes = List.copyOf(routes);
  }

  /** A subnet using this table is public when it sends 0.0.0.0/0 or ::/0 to an internet gateway. */
  public boolean routesToInternetGateway() {
    return routes.stream().anyMatch(r -> r.defaultRoute() && r.toInternetGateway());
  }
}
