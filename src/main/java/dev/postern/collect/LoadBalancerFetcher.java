package dev.postern.collect;

import dev.postern.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;

/**
 * Elastic Load Balancing v2: load balancers, then the listeners of each (one call per balancer: the
 * API wants one) and the attributes of each application load balancer (likewise one call each);
 * then the target groups and the registered targets of each.
 */
final class LoadBalancerFetcher {
  private static final int PAGE = 400;

  private LoadBalancerFetcher() {}

  static void loadBalancers(ElasticLoadBalancingV2Client elb, Fetched out) {
    Optional<List<DescribeLoadBalancersResponse>> pages = out.whole(CliKind.LOAD_BALANCERS,
        out.pages("DescribeLoadBalancers", "", () -> elb.describeLoadBalancersPaginator(r -> r.pageSize(PAGE))));
    if (pages.isEmpty()) return;
    boolean all = true;
    boolean allAttributes = true;
    for (DescribeLoadBalancersResponse page : pages.get()) {
      for (var lb : page.loadBalancers()) {
        String arn = lb.loadBalancerArn();
        if (arn == null) continue;
        Optional<List<DescribeListenersResponse>> listeners = out.pages("DescribeListeners",
            "load balancer " + lb.loadBalancerName(),
            () -> elb.describeListenersPaginator(r -> r.loadBalancerArn(arn).pageSize(PAGE)));
        listeners.ifPresent(l -> out.capture(CliKind.LISTENERS, "", l));
        all &= listeners.isPresent();
        if ("application".equals(lb.typeAsString())) {
          // A failed call is an error of the scan and leaves this balancer's attribute rules UNKNOWN.
          Optional<DescribeLoadBalancerAttributesResponse> attributes = out.one("DescribeLoadBalancerAttributes",
              "load balancer " + lb.loadBalancerName(), () -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)));
          attributes.ifPresent(a -> out.capture(CliKind.LB_ATTRIBUTES, arn, List.of(a)));
          allAttributes &= attributes.isPresent();
        }
      }
    }
    if (all) out.collected.add(ResourceKind.LISTENERS);
    if (allAttributes) out.collected.add(ResourceKind.LB_ATTRIBUTES);
    targetGroups(elb, out);
  }

  /**
   * Target groups, then the registered targets of each (DescribeTargetHealth: one call per group,
   * unpaginated). A failed call is an error of the scan; that group's targets stay unknown.
   */
  static void targetGroups(ElasticLoadBalancingV2Client elb, Fetched out) {
    Optional<List<DescribeTargetGroupsResponse>> pages = out.whole(CliKind.TARGET_GROUPS,
        out.pages("DescribeTargetGroups", "", () -> elb.describeTargetGroupsPaginator(r -> r.pageSize(PAGE))));
    if (pages.isEmpty()) return;
    boolean all = true;
    for (DescribeTargetGroupsResponse page : pages.get()) {
      for (var tg : page.targetGroups()) {
        String arn = tg.targetGroupArn();
        if (arn == null) continue;
        Optional<DescribeTargetHealthResponse> health = out.one("DescribeTargetHealth", "target group " + tg.targetGroupName(),
            () -> elb.describeTargetHealth(r -> r.targetGroupArn(arn)));
        health.ifPresent(h -> out.capture(CliKind.TARGET_HEALTH, arn, List.of(h)));
        all &= health.isPresent();
      }
    }
    if (all) out.collected.add(ResourceKind.TARGET_HEALTH);
  }
}
