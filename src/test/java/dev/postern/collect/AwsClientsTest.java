package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.CollectionError;
import dev.postern.model.ResourceKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/** The real SDK clients as AwsClients builds them, over a scripted wire: retries, errors, closing. */
class AwsClientsTest {
  @BeforeAll
  static void fakeCredentials() {
    // The default chain stops here: no instance metadata is ever asked for.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  static LiveSettings settings(Map<String, String> env) {
    return new LiveSettings(Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9")), Optional.empty(),
        Duration.ofSeconds(30), env);
  }

  /** Throttles DescribeSecurityGroups however often it is retried; answers the rest, empty. */
  static final class ThrottlingWire implements SdkHttpClient {
    static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");
    final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    volatile boolean closed;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() throws IOException {
          String body = "";
          if (request.contentStreamProvider().isPresent()) {
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
              body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
          }
          Matcher m = ACTION.matcher(body);
          String action = m.find() ? m.group(1) : "?";
          attempts.merge(action, 1, Integer::sum);
          if (action.equals("GetCallerIdentity")) {
            return answer(200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                + "<Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDA</UserId><Account>111122223333</Account>"
                + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
          }
          if (action.equals("DescribeSecurityGroups")) { // in EC2's own error shape
            return answer(503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message>"
                + "</Error></Errors><RequestID>r-2</RequestID></Response>");
          }
          if (action.equals("DescribeDBInstances")) {
            return answer(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
                + "</Error><RequestId>r-3</RequestId></ErrorResponse>");
          }
          return answer(200, body.contains("Version=2016-11-15") ? "<" + action + "Response/>"
              : "<" + action + "Response><" + action + "Result/></" + action + "Response>");
        }

        @Override
        public void abort() {}
      };
    }

    static HttpExecuteResponse answer(int status, String xml) {
      byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
      return HttpExecuteResponse.builder()
          .response(SdkHttpResponse.builder().statusCode(status).putHeader("Content-Type", "text/xml")
              .putHeader("Content-Length", Integer.toString(bytes.length)).build())
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void throttlingIsRetriedThenRecordedPerOperation() {
    ThrottlingWire wire = new ThrottlingWire();
    Collection c;
    try (AwsClients clients = new AwsClients(settings(Map.of()), () -> wire)) {
      c = new LiveCollector(clients, 16, LiveCollector.Progress.NONE).collect(List.of("us-east-1"), false, List.of());
    }
    assertTrue(wire.closed, "the shared HTTP client is closed with the clients");
    assertEquals(1, wire.attempts.get("GetCallerIdentity"));
    assertEquals(3, wire.attempts.get("DescribeSecurityGroups"), "adaptive retry: three attempts, then give up");
    assertEquals(3, wire.attempts.get("DescribeDBInstances"));
    assertEquals(List.of(
        new CollectionError("ec2", "us-east-1", "111122223333", "DescribeSecurityGroups", "RequestLimitExceeded",
            "Request limit exceeded. (HTTP 503)"),
        new CollectionError("rds", "us-east-1", "111122223333", "DescribeDBInstances", "Throttling", "Rate exceeded")), c.errors());
    Set<ResourceKind> collected = c.scopes().get(0).collected();
    assertFalse(collected.contains(ResourceKind.SECURITY_GROUPS));
    assertFalse(collected.contains(ResourceKind.DB_INSTANCES));
    assertTrue(collected.containsAll(List.of(ResourceKind.VPCS, ResourceKind.DB_CLUSTERS, ResourceKind.LOAD_BALANCERS)),
        "the rest of the scan goes on: " + collected);
  }

  @Test
  void theRegionComesFromTheEnvironmentThenTheProfile(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(config, "[default]\nregion = eu-west-3\n[profile audit]\nregion = ap-south-1\n");
    try (AwsClients env = new AwsClients(settings(Map.of("AWS_DEFAULT_REGION", "eu-north-1", "AWS_CONFIG_FILE", config.toString())));
         AwsClients file = new AwsClients(settings(Map.of("AWS_CONFIG_FILE", config.toString())));
         AwsClients profile = new AwsClients(new LiveSettings(Optional.of("audit"), Optional.empty(), Optional.empty(),
             Duration.ofSeconds(5), Map.of("AWS_CONFIG_FILE", config.toString())));
         AwsClients none = new AwsClients(settings(Map.of("AWS_CONFIG_FILE", dir.resolve("absent").toString())))) {
      assertEquals(Optional.of("eu-north-1"), env.defaultRegion());
      assertEquals(Optional.of("eu-west-3"), file.defaultRegion());
      assertEquals(Optional.of("ap-south-1"), profile.defaultRegion());
      assertEquals(Optional.empty(), none.defaultRegion());
    }
  }
}
