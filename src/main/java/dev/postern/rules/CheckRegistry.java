package dev.postern.rules;

import dev.postern.rules.checks.AppBypassesEdgeCheck;
import dev.postern.rules.checks.UnusedGroupCheck;
import dev.postern.rules.checks.RdsCertificateCheck;
import dev.postern.rules.checks.LoadBalancerAttributeCheck;
import dev.postern.rules.checks.ListenerTlsPolicyCheck;
import dev.postern.rules.checks.DataStoreFieldCheck;
import dev.postern.rules.checks.AppInstancePublicIpCheck;
import dev.postern.rules.checks.DataStoreSubnetCheck;
import dev.postern.rules.checks.NaclIngressCheck;
import dev.postern.rules.checks.AppToDataStoreLinkCheck;
import dev.postern.rules.checks.BeanstalkOptionCheck;
import dev.postern.rules.checks.BeanstalkPlaintextSecretCheck;
import dev.postern.rules.checks.BeanstalkPublicInstancesCheck;
import dev.postern.rules.checks.DataStoreAdmitsCidrCheck;
import dev.postern.rules.checks.DataStoreClientCheck;
import dev.postern.rules.checks.DataStorePortMismatchCheck;
import dev.postern.rules.checks.DataStoreSettingCheck;
import dev.postern.rules.checks.DataStoreTrustsEdgeCheck;
import dev.postern.rules.checks.DefaultGroupRulesCheck;
import dev.postern.rules.checks.GroupReferenceCheck;
import dev.postern.rules.checks.IngressFromInternetCheck;
import dev.postern.rules.checks.InternetPathCheck;
import dev.postern.rules.checks.ListenerCheck;
import dev.postern.rules.checks.RdsPublicAccessCheck;
import dev.postern.rules.checks.RdsTransportEncryptionCheck;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The explicit list of checks rules may name. Adding a check is one line here; a rule, none. */
public final class CheckRegistry {
  private final Map<String, Check<?>> checks = new TreeMap<>();

  public CheckRegistry(List<Check<?>> list) {
    for (Check<?> c : list) {
      if (checks.put(c.name(), c) != null) throw new IllegalStateException("duplicate check " + c.name());
    }
  }

  public static CheckRegistry standard() {
    return standard(Clock.systemUTC());
  }

  /** The standard checks, those that judge by time ({@code rds-certificate}) reading {@code clock}. */
  public static CheckRegistry standard(Clock clock) {
    return new CheckRegistry(List.of(
        new IngressFromInternetCheck(),
        new DefaultGroupRulesCheck(),
        new GroupReferenceCheck(),
        new AppToDataStoreLinkCheck(),
        new DataStoreTrustsEdgeCheck(),
        new AppBypassesEdgeCheck(),
        new DataStoreAdmitsCidrCheck(),
        new DataStoreClientCheck(),
        new DataStorePortMismatchCheck(),
        new InternetPathCheck(),
        new DataStoreSettingCheck(),
        new RdsPublicAccessCheck(),
        new RdsTransportEncryptionCheck(),
        new ListenerCheck(),
        new BeanstalkOptionCheck(),
        new BeanstalkPublicInstancesCheck(),
        new BeanstalkPlaintextSecretCheck(),
        new DataStoreFieldCheck(),
        new RdsCertificateCheck(clock),
        new ListenerTlsPolicyCheck(),
        new LoadBalancerAttributeCheck(),
        new UnusedGroupCheck(),
        new AppInstancePublicIpCheck(),
        new NaclIngressCheck(),
        new DataStoreSubnetCheck()));
  }

  public Optional<Check<?>> find(String name) {
    return Optional.ofNullable(checks.get(name));
  }

  public Map<String, Check<?>> all() {
    return Collections.unmodifiableMap(checks);
  }
}
