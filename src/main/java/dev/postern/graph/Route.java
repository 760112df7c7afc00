package dev.postern.graph;

import java.util.List;

/**
 * A chain by which the Internet may reach a group: {@code hops.get(0)} admits the Internet, each
 * next hop admits the previous one. {@code exposed} says whether a resource of the first hop is
 * reachable from the Internet at all (public IP in a public subnet, internet-facing LB).
 */
public record Route(List<Reach> hops, boolean exposed) {
  public Route {
    hops = List.copyOf(hops);
  }
}
