package dev.postern.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The real clients: built on first use (so from the worker threads, in parallel), one per service,
 * account and region, all on one HTTP client, with call and attempt timeouts and adaptive retry
 * (it slows down when AWS throttles). {@link #close} closes everything it built.
 */
public final class AwsClients implements ClientFactory {
  private final LiveSettings settings;
  private final AwsProfiles profiles;
  /** The JVM-wide endpoint setting before this scan set it (see {@link #routeEveryClient}). */
  private final String endpointBefore;
  // Made by the first client built, in a worker thread: TLS set-up and the retry classes load
  // while other workers load their services' classes, not before the fan-out starts.
  private final Lazy<SdkHttpClient> http;
  private final Lazy<ClientOverrideConfiguration> override;
  private final ConcurrentHashMap<String, Lazy<? extends SdkAutoCloseable>> made = new ConcurrentHashMap<>();

  public AwsClients(LiveSettings settings) {
    // url-connection-client: lighter to load and to set up than Apache's, which matters more to a
    // short run than connection pooling (see docs/live-collection.md).
    this(settings, () -> UrlConnectionHttpClient.builder()
        .connectionTimeout(min(settings.callTimeout(), Duration.ofSeconds(10)))
        .socketTimeout(settings.callTimeout())
        .build());
  }

  /** With the HTTP client given (tests script the wire under the real SDK clients). */
  AwsClients(LiveSettings settings, Supplier<SdkHttpClient> http) {
    this.settings = settings;
    this.profiles = new AwsProfiles(settings.profile(), settings.env());
    profiles.selectedProfile(); // a profile the user named must exist, before anything is called
    this.endpointBefore = System.getProperty(ENDPOINT_PROPERTY);
    settings.endpoint().ifPresent(AwsClients::routeEveryClient);
    Duration timeout = settings.callTimeout();
    this.http = new Lazy<>(http);
    this.override = new Lazy<>(() -> ClientOverrideConfiguration.builder()
        .apiCallTimeout(timeout)
        .apiCallAttemptTimeout(attemptTimeout(timeout))
        .retryStrategy(RetryMode.ADAPTIVE_V2)
        .addExecutionInterceptor(new CallLog())
        .build());
  }

  private static final String ENDPOINT_PROPERTY = "aws.endpointUrl";

  /**
   * --endpoint-url applies to every client, including those the SDK builds itself behind a
   * profile (STS for {@code role_arn}, SSO and SSO-OIDC for {@code sso_session}): the SDK's own
   * JVM-wide endpoint setting reaches them, where an override on postern's clients would not.
   */
  private static void routeEveryClient(java.net.URI endpoint) {
    System.setProperty(ENDPOINT_PROPERTY, endpoint.toString());
  }

  /** Leaves room for retries inside the call's timeout. */
  static Duration attemptTimeout(Duration callTimeout) {
    Duration third = callTimeout.dividedBy(3);
    return third.compareTo(Duration.ofSeconds(1)) < 0 ? min(callTimeout, Duration.ofSeconds(1)) : third;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Like the AWS CLI: AWS_REGION, AWS_DEFAULT_REGION, then the selected profile's region. */
  @Override
  public Optional<String> defaultRegion() {
    for (String var : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String r = settings.env().get(var);
      if (r != null && !r.isBlank()) return Optional.of(r.trim());
    }
    return profiles.region();
  }

  @Override
  public String defaultRegionSource() {
    for (String var : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String r = settings.env().get(var);
      if (r != null && !r.isBlank()) return var;
    }
    return "profile " + profiles.selected;
  }

  @Override
  public String identityFailure(String role, Throwable t) {
    String credentials = profiles.named ? "profile " + profiles.selected
        : role.isEmpty() ? "the default credential chain" : "the caller (the default credential chain)";
    Optional<software.amazon.awssdk.profiles.Profile> profile = profiles.selectedProfile();
    String assumed = !role.isEmpty() ? role : profile.flatMap(p -> p.property("role_arn")).orElse("");
    String sts = settings.endpoint().map(Object::toString).orElse("its regional endpoint");
    boolean sso = profile
        .map(p -> p.property("sso_session").isPresent() || p.property("sso_start_url").isPresent()).orElse(false);
    return IdentityFailure.explain(t, credentials, profiles.named ? profiles.selected : "", assumed, sts,
        "profile " + profiles.selected + " in " + profiles.where(), sso);
  }

  @Override
  public Ec2Client ec2(String role, String region) {
    return client("ec2", role, region, () -> build(Ec2Client.builder(), role, region));
  }

  @Override
  public RdsClient rds(String role, String region) {
    return client("rds", role, region, () -> build(RdsClient.builder(), role, region));
  }

  @Override
  public ElastiCacheClient elastiCache(String role, String region) {
    return client("elasticache", role, region, () -> build(ElastiCacheClient.builder(), role, region));
  }

  @Override
  public ElasticBeanstalkClient beanstalk(String role, String region) {
    return client("elasticbeanstalk", role, region, () -> build(ElasticBeanstalkClient.builder(), role, region));
  }

  @Override
  public ElasticLoadBalancingV2Client elbv2(String role, String region) {
    return client("elbv2", role, region, () -> build(ElasticLoadBalancingV2Client.builder(), role, region));
  }

  @Override
  public StsClient sts(String role, String region) {
    return client("sts", role, region, () -> build(StsClient.builder(), role, region));
  }

  private <C extends SdkAutoCloseable> C client(String service, String role, String region, Supplier<C> make) {
    return lazy(service + '|' + role + '|' + region, make);
  }

  @SuppressWarnings("unchecked")
  private <C extends SdkAutoCloseable> C lazy(String key, Supplier<C> make) {
    return ((Lazy<C>) made.computeIfAbsent(key, k -> new Lazy<>(make))).get();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String role, String region) {
    builder.region(Region.of(region))
        .credentialsProvider(credentials(role, region))
        .overrideConfiguration(override.get())
        .httpClient(http.get());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * The caller's credentials by the SDK's default chain (or the profile), or for a role those of
   * one assume-role session, refreshed as needed, whatever the region.
   */
  private AwsCredentialsProvider credentials(String role, String region) {
    if (role.isEmpty()) {
      return lazy("credentials|", () -> {
        if (profiles.fromFlag) {
          // As the AWS CLI's --profile: the profile's credentials even when environment keys are set.
          return ProfileCredentialsProvider.builder().profileFile(profiles.file()).profileName(profiles.selected).build();
        }
        // Environment keys, then web identity, the profile (AWS_PROFILE or default), container and
        // instance credentials: the AWS CLI's order, in which environment keys win over AWS_PROFILE.
        return DefaultCredentialsProvider.builder().profileFile(profiles::file).profileName(profiles.selected).build();
      });
    }
    return lazy("credentials|" + role, () -> StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts("", region))
        .refreshRequest(r -> {
          r.roleArn(role).roleSessionName("postern-audit");
          settings.externalId().ifPresent(r::externalId);
        })
        .build());
  }

  /**
   * Loads and initialises the SDK's client classes of every service postern calls, by building
   * throwaway clients (no network: building a client calls nothing), so that a live scan's first
   * requests go out sooner. Meant for a background thread while the command line is parsed.
   */
  public static void warmUp() {
    try (SdkHttpClient http = UrlConnectionHttpClient.builder().build()) {
      AwsCredentialsProvider none = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
          software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("warm-up", "warm-up"));
      java.net.URI nowhere = java.net.URI.create("http://127.0.0.1:9");
      List<AwsClientBuilder<?, ?>> builders = List.of(StsClient.builder(), Ec2Client.builder(), RdsClient.builder(),
          ElastiCacheClient.builder(), ElasticBeanstalkClient.builder(), ElasticLoadBalancingV2Client.builder());
      for (AwsClientBuilder<?, ?> b : builders) {
        b.region(Region.US_EAST_1).credentialsProvider(none).endpointOverride(nowhere);
        ((AwsSyncClientBuilder<?, ?>) b).httpClient(http);
        try (SdkAutoCloseable c = (SdkAutoCloseable) b.build()) {
          // built and closed: its classes are loaded and initialised
        }
      }
    } catch (RuntimeException e) {
      // a warm-up that fails costs nothing: the scan builds its own clients and reports any problem
    }
  }

  @Override
  public void close() {
    // Clients before the credentials they use, then the shared HTTP client.
    List<SdkAutoCloseable> all = new ArrayList<>();
    made.forEach((k, v) -> v.ifMade(all::add));
    all.sort((a, b) -> Boolean.compare(a instanceof AwsCredentialsProvider, b instanceof AwsCredentialsProvider));
    for (SdkAutoCloseable c : all) {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // closing must not hide the report
      }
    }
    http.ifMade(SdkHttpClient::close);
    if (settings.endpoint().isPresent()) {
      if (endpointBefore == null) System.clearProperty(ENDPOINT_PROPERTY);
      else System.setProperty(ENDPOINT_PROPERTY, endpointBefore);
    }
  }

  /** Made once, by whichever thread asks first; others wait for it. */
  private static final class Lazy<T> {
    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
      this.make = make;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) value = v = make.get();
        }
      }
      return v;
    }

    void ifMade(java.util.function.Consumer<T> use) {
      T v = value;
      if (v != null) use.accept(v);
    }
  }
}
