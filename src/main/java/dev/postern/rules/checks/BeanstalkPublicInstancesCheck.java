package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.Instance;
import dev.postern.model.ResourceKind;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Beanstalk environment's instances have public IPv4 addresses in subnets whose route table
 * (explicit, or the VPC's main table) sends 0.0.0.0/0 to an internet gateway: the application
 * tier is directly addressable from the Internet instead of sitting behind the load balancer.
 */
public final class BeanstalkPublicInstancesCheck implements Check<BeanstalkPublicInstancesCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "beanstalk-public-instances";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (BeanstalkEnvironment env : graph.inventory().environments()) {
      List<Instance> instances = graph.environmentInstances(env);
      if (instances.isEmpty()) {
        if (!env.resourcesKnown() || !graph.isCollected(env.scope(), ResourceKind.INSTANCES)) {
          out.add(Verdict.unknown(env.ref(), "instances of " + env.name() + " were not collected"));
        }
        continue;
      }
      List<String> exposed = new ArrayList<>();
      boolean unknown = false;
      for (Instance i : instances) {
        if (i.publicIp().isEmpty()) continue;
        Optional<Boolean> pub = graph.publicSubnet(i.scope(), i.vpcId(), i.subnetId());
        if (pub.isEmpty()) unknown = true;
        else if (pub.get()) exposed.add(i.id() + " (" + i.publicIp() + " in " + i.subnetId() + ")");
      }
      if (!exposed.isEmpty()) {
        out.add(Verdict.fail(env.ref(), "",
            "environment " + env.name() + ": " + exposed.size() + " instance(s) have public IPs in subnets routed to an internet gateway: "
                + String.join(", ", exposed) + "; move them to private subnets (aws:ec2:vpc Subnets) and set AssociatePublicIpAddress=false",
            "aws elasticbeanstalk update-environment --region " + env.scope().region() + " --environment-name " + env.name()
                + " --option-settings Namespace=aws:ec2:vpc,OptionName=AssociatePublicIpAddress,Value=false Namespace=aws:ec2:vpc,OptionName=Subnets,Value=<private-subnet-ids>"));
      } else if (unknown) {
        out.add(Verdict.unknown(env.ref(), "route tables of the instances' subnets were not collected"));
      } else {
        out.add(Verdict.pass(env.ref(), "environment " + env.name() + ": no instance is directly reachable from the Internet"));
      }
    }
    return out;
  }
}
