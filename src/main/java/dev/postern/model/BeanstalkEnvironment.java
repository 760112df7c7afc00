package dev.postern.model;

import java.util.List;
import java.util.Optional;

/**
 * An Elastic Beanstalk environment with what DescribeEnvironmentResources and
 * DescribeConfigurationSettings add. {@code resourcesKnown} / {@code settingsKnown} say whether
 * those were collected; rules that need them stay silent (unknown) otherwise.
 */
public record BeanstalkEnvironment(
    Scope scope,
    String name,
    String id,
    String application,
    String arn,
    String cname,
    String tier,
    String status,
    String health,
    boolean resourcesKnown,
    List<String> instanceIds,
    List<String> loadBalancers,
    List<String> autoScalingGroups,
    boolean settingsKnown,
    List<OptionSetting> settings)
    implements Resource {
  public BeanstalkEnvironment {
    instanceIds = List.copyOf(instanceIds);
    loadBalancers = List.copyOf(loadBalancers);
    autoScalingGroups = List.copyOf(autoScalingGroups);
    settings = List.copyOf(settings);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef("beanstalk-environment", name, arn, name, scope);
  }

  public Optional<String> setting(String namespace, String option) {
    for (OptionSetting s : settings) {
      if (s.namespace().equals(namespace) && s.name().equals(option)) {
        return Optional.of(s.value());
      }
    }
    return Optional.empty();
  }

  public List<OptionSetting> environmentProperties() {
    return settings.stream().filter(s -> s.namespace().equals(OptionSetting.ENV_PROPERTIES)).toList();
  }

  public boolean isWebServer() {
    return !tier.toLowerCase(java.util.Locale.ROOT).contains("worker");
  }
}
