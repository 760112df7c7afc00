package dev.postern.model;

import java.util.List;
import java.util.Map;

/** An ELBv2 load balancer; {@code listenersKnown} says whether its listeners were collected. */
public record LoadBalancer(
    Scope scope,
    String arn,
    String name,
    String type,
    String scheme,
    String vpcId,
    String dnsName,
    List<String> groupIds,
    List<String> subnetIds,
    boolean listenersKnown,
    List<Listener> listeners,
    /** Whether DescribeLoadBalancerAttributes was read for it; {@code attributes} its key/value pairs. */
    boolean attributesKnown,
    Map<String, String> attributes)
    implements Resource {
  public LoadBalancer {
    attributes = Map.copyOf(attributes);
    groupIds = List.copyOf(groupIds);
    subnetIds = List.copyOf(subnetIds);
    listeners = List.copyOf(listeners);
  }

  public boolean internetFacing() {
    return "internet-facing".equals(scheme);
  }

  /** The {@code app/name/id} part of the ARN, as ENI descriptions name it. */
  public String shortId() {
    int i = arn.indexOf(":loadbalancer/");
    return i < 0 ? name : arn.substring(i + ":loadbalancer/".length());
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("load-balancer", name, arn, name, scope);
  }
}
