package dev.postern.collect;

import dev.postern.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentResourcesResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;

/**
 * Elastic Beanstalk: environments, then for each live one its resources and settings (the API has
 * no call that lists these for all environments at once). An environment that fails is named in
 * its error; the others are kept.
 */
final class BeanstalkFetcher {
  private BeanstalkFetcher() {}

  static void environments(ElasticBeanstalkClient eb, Fetched out) {
    Optional<List<DescribeEnvironmentsResponse>> pages = environmentPages(eb, out);
    if (pages.isEmpty()) return;
    out.capture(CliKind.EB_ENVIRONMENTS, "", pages.get());
    out.collected.add(ResourceKind.EB_ENVIRONMENTS);
    boolean allResources = true;
    boolean allSettings = true;
    for (DescribeEnvironmentsResponse page : pages.get()) {
      for (EnvironmentDescription e : page.environments()) {
        String name = e.environmentName();
        if (name == null || "Terminated".equals(e.statusAsString())) continue;
        String about = "environment " + name;
        Optional<DescribeEnvironmentResourcesResponse> resources = out.one("DescribeEnvironmentResources", about,
            () -> eb.describeEnvironmentResources(r -> r.environmentName(name)));
        resources.ifPresent(r -> out.capture(CliKind.EB_RESOURCES, "", List.of(r)));
        allResources &= resources.isPresent();
        Optional<DescribeConfigurationSettingsResponse> settings = out.one("DescribeConfigurationSettings", about,
            () -> eb.describeConfigurationSettings(r -> r.applicationName(e.applicationName()).environmentName(name)));
        settings.ifPresent(s -> out.capture(CliKind.EB_SETTINGS, "", List.of(s)));
        allSettings &= settings.isPresent();
      }
    }
    if (allResources) out.collected.add(ResourceKind.EB_RESOURCES);
    if (allSettings) out.collected.add(ResourceKind.EB_SETTINGS);
  }

  /** The SDK has no paginator for DescribeEnvironments; it pages by NextToken all the same. */
  private static Optional<List<DescribeEnvironmentsResponse>> environmentPages(ElasticBeanstalkClient eb, Fetched out) {
    List<DescribeEnvironmentsResponse> pages = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      Optional<DescribeEnvironmentsResponse> page = out.one("DescribeEnvironments", "",
          () -> eb.describeEnvironments(r -> r.includeDeleted(false).nextToken(next)));
      if (page.isEmpty()) return Optional.empty();
      pages.add(page.get());
      token = page.get().nextToken();
    } while (token != null && !token.isEmpty() && pages.size() < 1000);
    return Optional.of(pages);
  }
}
