package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Region and credentials configured the way users configure the AWS CLI, against moto: each case
 * runs postern as its own process with an environment of its own (only what the case sets; HOME
 * and the AWS files in a temporary folder), as a user or a CI job runs it. Host names resolve to
 * nothing in these processes ({@code jdk.net.hosts.file}), so a call that escaped --endpoint-url
 * towards AWS would fail the case instead of leaving the machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConfigurationTest {
  private static final String KEYS_OK = "testing";
  Optional<String> unavailable;
  MotoServer moto;
  Path home;
  JsonNode shop;
  JsonNode auditor;

  @BeforeAll
  void start() throws Exception {
    unavailable = MotoServer.unavailable();
    if (unavailable.isPresent()) return;
    moto = MotoServer.start();
    moto.reset();
    shop = moto.seed("shop");
    auditor = moto.seed("iam");
    home = Files.createTempDirectory("postern-home-");
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Path process = home.resolve("credentials.sh");
    Files.writeString(process, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"" + KEYS_OK + "\", \"SecretAccessKey\": \""
        + KEYS_OK + "\"}'\n");
    process.toFile().setExecutable(true);
    Path failing = home.resolve("failing.sh");
    Files.writeString(failing, "#!/bin/sh\necho 'token expired, log in again' >&2\nexit 3\n");
    failing.toFile().setExecutable(true);
    Files.writeString(aws.resolve("config"), String.join("\n",
        "[default]",
        "region = eu-west-1",
        "",
        "[profile base]",
        "region = us-east-1",
        "",
        "[profile other]",
        "role_arn = arn:aws:iam::222222222222:role/audit",
        "source_profile = base",
        "region = us-east-1",
        "",
        "[profile process]",
        "credential_process = " + process,
        "region = us-east-1",
        "",
        "[profile failing]",
        "credential_process = " + failing,
        "region = us-east-1",
        "",
        "[profile sso]",
        "sso_session = corp",
        "sso_account_id = 111111111111",
        "sso_role_name = Audit",
        "region = us-east-1",
        "",
        "[sso-session corp]",
        "sso_start_url = https://corp.awsapps.com/start",
        "sso_region = us-east-1",
        "sso_registration_scopes = sso:account:access",
        ""));
    Files.writeString(aws.resolve("credentials"), String.join("\n",
        "[base]",
        "aws_access_key_id = " + KEYS_OK,
        "aws_secret_access_key = " + KEYS_OK,
        "",
        "[auditor]",
        "aws_access_key_id = " + auditor.path("accessKeyId").asText(),
        "aws_secret_access_key = " + auditor.path("secretAccessKey").asText(),
        ""));
    // An SSO login that expired: the token cache file the AWS CLI writes, named by the session's SHA-1.
    Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
    String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes(StandardCharsets.UTF_8)));
    Files.writeString(cache.resolve(name + ".json"), "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\","
        + " \"accessToken\": \"expired\", \"expiresAt\": \"2020-01-01T00:00:00Z\", \"clientId\": \"c\", \"clientSecret\": \"s\","
        + " \"registrationExpiresAt\": \"2020-01-01T00:00:00Z\", \"refreshToken\": \"r\"}");
  }

  @BeforeEach
  void needsMoto() {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
  }

  @AfterAll
  void stop() throws Exception {
    if (unavailable.isEmpty()) moto.close();
  }

  /** One process: postern with exactly {@code env} (plus PATH, HOME and no instance metadata). */
  CliRun postern(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home, "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "src/test/no-dns-hosts"), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("postern-out-", ".txt");
    Path err = Files.createTempFile("postern-err-", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("postern " + String.join(" ", args) + " took more than 120 s");
      }
      return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  CliRun scan(Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("scan", "--endpoint-url", moto.endpoint, "--timeout", "20s", "-o", "json"));
    all.addAll(List.of(args));
    return postern(env, all.toArray(String[]::new));
  }

  static Map<String, String> env(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return m;
  }

  static Map<String, String> envKeys(String... more) {
    Map<String, String> m = env("AWS_ACCESS_KEY_ID", KEYS_OK, "AWS_SECRET_ACCESS_KEY", KEYS_OK);
    m.putAll(env(more));
    return m;
  }

  static Set<String> scopes(JsonNode report) {
    Set<String> out = new TreeSet<>();
    report.path("scopes").forEach(s -> out.add(s.path("account").asText() + "/" + s.path("region").asText()));
    return out;
  }

  /** Exit 2, one line on stderr that says {@code says}, nothing on stdout. */
  static void refusedInOneLine(CliRun r, String says) {
    assertEquals(ExitCode.USAGE.code, r.code(), r.toString());
    assertEquals("", r.out(), "nothing on stdout: " + r);
    String err = r.err().strip();
    assertFalse(err.contains("\n"), "one line: " + r);
    assertTrue(err.startsWith("error: ") && err.contains(says), "'" + says + "' in: " + err);
    assertFalse(err.contains("software.amazon") || err.contains("Exception") || err.contains("ProviderChain"), err);
  }

  @Test
  void theRegionOfAwsRegionIsAuditedAndItsFaultsFound() throws Exception {
    CliRun r = scan(envKeys("AWS_REGION", "us-east-1"));
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    assertEquals(Set.of("123456789012/us-east-1"), scopes(report));
    assertTrue(report.path("complete").asBoolean(), report.path("errors").toString());
    assertTrue(CliRun.findings(report, "FAIL").contains("sg-admin-port-open-to-internet " + shop.path("ssh").asText()));
  }

  @Test
  void theRegionOfAwsDefaultRegionIsAudited() throws Exception {
    CliRun r = scan(envKeys("AWS_DEFAULT_REGION", "eu-west-1"));
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    assertEquals(Set.of("123456789012/eu-west-1"), scopes(report));
    assertTrue(CliRun.findings(report, "FAIL").contains("sg-admin-port-open-to-internet " + shop.path("rdp").asText()));
  }

  @Test
  void awsRegionWinsOverAwsDefaultRegionAndTheProfile() throws Exception {
    CliRun r = scan(envKeys("AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "eu-west-1", "AWS_PROFILE", "base"));
    assertEquals(Set.of("123456789012/us-east-1"), scopes(r.stdoutJson()), r.toString());
  }

  @Test
  void theRegionAndKeysOfAwsProfileAreUsed() throws Exception {
    CliRun r = scan(env("AWS_PROFILE", "base"));
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    assertEquals(Set.of("123456789012/us-east-1"), scopes(report));
    assertTrue(CliRun.findings(report, "FAIL").contains("sg-admin-port-open-to-internet " + shop.path("ssh").asText()));
  }

  @Test
  void theDefaultProfilesRegionIsUsedWithEnvironmentKeys() throws Exception {
    CliRun r = scan(envKeys());
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    assertEquals(Set.of("123456789012/eu-west-1"), scopes(r.stdoutJson()));
  }

  @Test
  void aRoleArnProfileAuditsTheRolesAccountEvenWithEnvironmentKeysSet() throws Exception {
    // Account 222222222222 holds only moto's default VPC: reachable and clean, so the gate passes.
    CliRun r = scan(envKeys(), "--profile", "other");
    assertEquals(ExitCode.OK.code, r.code(), r.toString());
    JsonNode report = r.stdoutJson();
    assertEquals(Set.of("222222222222/us-east-1"), scopes(report), "the profile's role, not the environment's keys");
    assertTrue(report.path("complete").asBoolean(), report.path("errors").toString());
    CliRun viaEnv = scan(env("AWS_PROFILE", "other"));
    assertEquals(Set.of("222222222222/us-east-1"), scopes(viaEnv.stdoutJson()), viaEnv.toString());
  }

  @Test
  void keysAreToldApartUnderIamEnforcement() throws Exception {
    moto.enforceIam(true);
    try {
      Map<String, String> bogus = env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", "bogus-secret-0000",
          "AWS_REGION", "us-east-1");
      refusedInOneLine(scan(bogus), "InvalidClientTokenId");
      // --profile picks the profile's valid keys over the environment's rejected ones: the scan runs,
      // finds the open SSH group, and is incomplete (that user may only describe EC2).
      CliRun profile = scan(bogus, "--profile", "auditor");
      assertEquals(ExitCode.FINDINGS.code, profile.code(), profile.toString());
      JsonNode report = profile.stdoutJson();
      assertEquals(Set.of("123456789012/us-east-1"), scopes(report));
      assertFalse(report.path("complete").asBoolean());
      assertTrue(CliRun.findings(report, "FAIL").contains("sg-admin-port-open-to-internet " + shop.path("ssh").asText()));
    } finally {
      moto.enforceIam(false);
    }
  }

  @Test
  void aCredentialProcessProfileIsUsedAndItsFailureIsOneLine() throws Exception {
    CliRun r = scan(env(), "--profile", "process");
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    assertEquals(Set.of("123456789012/us-east-1"), scopes(r.stdoutJson()));
    refusedInOneLine(scan(env(), "--profile", "failing"), "the credential_process of profile failing failed");
  }

  @Test
  void anUnknownProfileIsRefusedEvenWithEnvironmentKeys() throws Exception {
    refusedInOneLine(scan(envKeys("AWS_REGION", "us-east-1"), "--profile", "nosuch"),
        "--profile nosuch: no such profile in ~/.aws/config or ~/.aws/credentials");
    refusedInOneLine(scan(envKeys("AWS_REGION", "us-east-1", "AWS_PROFILE", "nosuch")), "AWS_PROFILE=nosuch: no such profile");
  }

  @Test
  void noCredentialsIsOneLineSayingWhereItLooked() throws Exception {
    CliRun r = scan(env("AWS_REGION", "us-east-1", "AWS_CONFIG_FILE", "/nonexistent/config",
        "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"));
    refusedInOneLine(r, "no AWS credentials found");
    assertTrue(r.err().contains("AWS_ACCESS_KEY_ID") && r.err().contains("/nonexistent/credentials"), r.err());
  }

  @Test
  void anExpiredSsoLoginSaysHowToLogIn() throws Exception {
    refusedInOneLine(scan(env(), "--profile", "sso"), "run: aws sso login --profile sso");
  }

  @Test
  void aRegionTypoIsRefusedBeforeAnyCallWithASuggestion() throws Exception {
    refusedInOneLine(scan(envKeys(), "--region", "us-east-9"), "--region us-east-9: no such AWS region (did you mean us-east-1?)");
    refusedInOneLine(scan(envKeys("AWS_REGION", "eu-wset-1")), "region eu-wset-1 (from AWS_REGION): no such AWS region");
  }

  @Test
  void noRegionAnywhereIsRefused() throws Exception {
    refusedInOneLine(scan(envKeys("AWS_CONFIG_FILE", "/nonexistent/config")), "no region");
  }
}
