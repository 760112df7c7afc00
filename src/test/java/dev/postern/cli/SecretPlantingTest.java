package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.report.ReportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants every kind of secret postern must not keep into the Beanstalk option settings of a
 * reference capture, in several namespaces, and runs postern end to end (scan in all seven
 * formats, --save-snapshot, a replay of the snapshot, explain, a malformed file): no secret may come
 * out anywhere, each must be reported by setting and kind, and ordinary values must come out intact.
 */
class SecretPlantingTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/beanstalk-default-insecure/aws");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ENV = "quickstart-app-env";
  static final String PROPERTIES = "aws:elasticbeanstalk:application:environment";
  static final String CUSTOM = "aws:elasticbeanstalk:customoption";
  static final String CFN = "aws:cloudformation:template:parameter";

  // Each shape: what is planted and the part of it that must never come out.
  record Secret(String value, String mustNotAppear, String kind) {}

  static final Map<String, Secret> SHAPES = new LinkedHashMap<>();

  static {
    SHAPES.put("pem", new Secret(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAplantedPemBody0123456789abcdefghijklmnopqrstuv\n-----END RSA PRIVATE KEY-----",
        "plantedPemBody", "PEM private key"));
    SHAPES.put("jwt", new Secret("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGFudGVkLWp3dCJ9.cGxhbnRlZC1qd3Qtc2lnbmF0dXJl",
        "eyJzdWIiOiJwbGFudGVkLWp3dCJ9", "JSON Web Token"));
    SHAPES.put("ghp", new Secret("ghp_PlantedGhp0123456789abcdefghijklmnop", "PlantedGhp", "GitHub personal access token"));
    SHAPES.put("github_pat", new Secret("github_pat_" + "PlantedFineGrained0123456789".repeat(3).substring(0, 82),
        "PlantedFineGrained", "GitHub fine-grained personal access token"));
    SHAPES.put("xoxb", new Secret("xoxb-1234567890-1234567890123-PlantedSlackBot", "PlantedSlackBot", "Slack bot token"));
    SHAPES.put("xoxp", new Secret("xoxp-1234567890-1234567890-1234567890-PlantedSlackUser0123456789abcd", "PlantedSlackUser",
        "Slack user token"));
    SHAPES.put("webhook", new Secret("https://hooks.slack.com/services/T01234567/B01234567/PlantedWebhook0123456789",
        "PlantedWebhook", "Slack webhook URL"));
    SHAPES.put("akia", new Secret("AKIAPLANTEDAKIDXX234", "AKIAPLANTEDAKIDXX234", "AWS access key id"));
    SHAPES.put("stripe", new Secret("sk_live_PlantedStripe0123456789", "PlantedStripe", "Stripe secret key"));
    SHAPES.put("aws-secret", new Secret("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", "bPxRfiCYPlantedAk4",
        "AWS secret access key (40-character shape)"));
    SHAPES.put("java-opts", new Secret("-Xmx512m -Dspring.datasource.password=PlantedJavaOptsPw -Dfile.encoding=UTF-8",
        "PlantedJavaOptsPw", "value of -Dspring.datasource.password"));
    SHAPES.put("pair", new Secret("Server=db.internal;Database=app;User Id=app;password=PlantedPairPw;Pooling=true",
        "PlantedPairPw", "value of password"));
    SHAPES.put("redis-url", new Secret("redis://:PlantedRedisPw@cache.internal:6379/0", "PlantedRedisPw", "password in a connection URL"));
    SHAPES.put("pg-url", new Secret("postgres://app:PlantedPgPw@db.internal:5432/app", "PlantedPgPw", "password in a connection URL"));
  }

  // Credential-named options whose values have no shape: found by name alone.
  static final List<String[]> BY_NAME = List.of(
      new String[] {"aws:rds:dbinstance", "DBPassword", "PlantedRdsDbPassword"},
      new String[] {CUSTOM, "DB_PASSWORD", "PlantedCustomDbPassword"},
      new String[] {PROPERTIES, "DB_PW", "PlantedUnderscorePw"},
      new String[] {PROPERTIES, "MYSQL_PWD", "PlantedMysqlPwd"},
      new String[] {PROPERTIES, "SMTP_PASS", "PlantedSmtpPass"},
      new String[] {CUSTOM, "SessionSecret", "PlantedSessionSecret"},
      new String[] {PROPERTIES, "SLACK_TOKEN", "PlantedSlackTokenValue"},
      new String[] {PROPERTIES, "SECRET_KEY_BASE", "PlantedSecretKeyBase"});

  // Ordinary values, some under credential-like names: they must come out as they went in.
  static final List<String[]> ORDINARY = List.of(
      new String[] {"aws:autoscaling:launchconfiguration", "EC2KeyName", "planted-keypair-name"},
      new String[] {PROPERTIES, "KMS_KEY_ARN", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
      new String[] {PROPERTIES, "KMS_KEY", "1234abcd-12ab-34cd-56ef-1234567890ab"},
      new String[] {PROPERTIES, "CACHE_HOST", "planted-cache.abc123.0001.use1.cache.amazonaws.com"},
      new String[] {PROPERTIES, "CACHE_PORT", "6379"},
      new String[] {PROPERTIES, "TOKEN_TTL", "3600"},
      new String[] {PROPERTIES, "FEATURE_AUTH_ENABLED", "true"},
      new String[] {PROPERTIES, "GIT_COMMIT", "3f786850e387550fdab836ed7e6dc881de23001b"},
      new String[] {PROPERTIES, "APP_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf"},
      new String[] {PROPERTIES, "ASSET_BUCKET", "arn:aws:s3:::planted-assets-bucket"},
      new String[] {CUSTOM, "JAVA_TOOL_OPTIONS", "-Xmx512m -Dspring.profiles.active=planted-prod"});

  @TempDir Path tmp;
  Path in;
  List<String> secrets;

  @BeforeEach
  void plant() throws IOException {
    in = copyScenario("in");
    ObjectNode doc = (ObjectNode) JSON.readTree(in.resolve("describe-configuration-settings.json").toFile());
    ArrayNode options = (ArrayNode) doc.path("ConfigurationSettings").get(0).path("OptionSettings");
    secrets = new ArrayList<>();
    // Every shape under a harmless name in three namespaces, and in the properties copy CloudFormation keeps.
    StringBuilder cfnCopy = new StringBuilder("RDS_PORT=3306");
    for (Map.Entry<String, Secret> s : SHAPES.entrySet()) {
      String name = "PLANTED_" + s.getKey().toUpperCase().replace('-', '_');
      option(options, PROPERTIES, name, s.getValue().value());
      option(options, CUSTOM, "custom-" + s.getKey(), s.getValue().value());
      option(options, "aws:elasticbeanstalk:environment:proxy", "Extra" + s.getKey().replace("-", ""), s.getValue().value());
      if (!s.getValue().value().contains("\n") && !s.getValue().value().contains(",")) {
        cfnCopy.append(',').append(name).append('=').append(s.getValue().value());
      }
      secrets.add(s.getValue().mustNotAppear());
    }
    for (String[] o : BY_NAME) {
      option(options, o[0], o[1], o[2]);
      cfnCopy.append(',').append(o[1]).append('=').append(o[2]);
      secrets.add(o[2]);
    }
    option(options, CFN, "EnvironmentVariables", cfnCopy.toString());
    for (String[] o : ORDINARY) option(options, o[0], o[1], o[2]);
    JSON.writerWithDefaultPrettyPrinter().writeValue(in.resolve("describe-configuration-settings.json").toFile(), doc);
    String planted = Files.readString(in.resolve("describe-configuration-settings.json"));
    for (String s : secrets) assertTrue(planted.contains(s.replace("\n", "\\n")), "planted: " + s);
  }

  @Test
  void noPlantedSecretLeavesPosternInAnyReportTheSnapshotOrItsReplay() throws IOException {
    Path snap = tmp.resolve("snapshot.json");
    Run scan = Run.of(scanArgs("scan", "--from-aws-cli", in.toString(), "--save-snapshot", snap.toString(), "--show-pass"));
    assertEquals(4, scan.exit(), scan.err());
    Map<String, String> outputs = reports("scan", scan);
    outputs.put("snapshot", Files.readString(snap));
    Run replay = Run.of(scanArgs("replay", "--from-snapshot", snap.toString(), "--show-pass"));
    assertEquals(4, replay.exit(), replay.err());
    outputs.putAll(reports("replay", replay));
    assertEquals(outputs.get("scan.json"), outputs.get("replay.json"), "the replay reports exactly what the scan did");

    for (Map.Entry<String, String> out : outputs.entrySet()) {
      for (String secret : secrets) assertFalse(out.getValue().contains(secret), secret + " leaked into " + out.getKey());
    }
    for (String[] o : ORDINARY) assertTrue(outputs.get("snapshot").contains(o[2]), "ordinary value kept: " + o[1] + "=" + o[2]);

    // Each planted setting is reported, by namespace and name, with its kind: one finding on the
    // environment, one evidence per setting.
    List<String> messages = new ArrayList<>();
    int findings = 0;
    for (JsonNode f : JSON.readTree(outputs.get("scan.json")).path("findings")) {
      if (f.path("ruleName").asText().equals("eb-plaintext-secret-in-environment") && f.path("status").asText().equals("FAIL")) {
        findings++;
        for (JsonNode e : f.path("evidence")) messages.add(e.path("message").asText());
      }
    }
    assertEquals(1, findings, "one finding per environment");
    for (Map.Entry<String, Secret> s : SHAPES.entrySet()) {
      String kind = s.getValue().kind();
      assertTrue(messages.stream().anyMatch(m -> m.contains("property PLANTED_" + s.getKey().toUpperCase().replace('-', '_')
          + " holds a literal credential: " + kind + " (value not shown)")), kind + " in " + messages);
      assertTrue(messages.stream().anyMatch(m -> m.contains("option " + CUSTOM + " custom-" + s.getKey() + " holds a literal credential: "
          + kind + " (value not shown)")), kind + " in " + messages);
    }
    for (String[] o : BY_NAME) {
      String where = o[0].equals(PROPERTIES) ? "property " + o[1] : "option " + o[0] + " " + o[1];
      assertTrue(messages.stream().anyMatch(m -> m.contains(where + " holds a literal credential (value not shown)")), where + " in " + messages);
    }
    for (String[] o : ORDINARY) {
      assertFalse(messages.stream().anyMatch(m -> m.contains(" " + o[1] + " holds")), "no finding for ordinary " + o[1]);
    }
  }

  @Test
  void aSnapshotHoldingLiteralSecretsIsRedactedAsItIsRead() throws IOException {
    Path snap = tmp.resolve("snapshot.json");
    assertEquals(4, Run.of("scan", "--from-aws-cli", in.toString(), "--save-snapshot", snap.toString()).exit());
    // As an earlier postern, which redacted environment properties by name only, might have written it.
    String old = Files.readString(snap).replace("<redacted by postern: literal value>", "PlantedInOldSnapshot");
    assertTrue(old.contains("PlantedInOldSnapshot"), "the old snapshot holds literal secrets");
    Path oldSnap = tmp.resolve("old-snapshot.json");
    Files.writeString(oldSnap, old);
    Path resaved = tmp.resolve("resaved.json");
    Run replay = Run.of(scanArgs("old", "--from-snapshot", oldSnap.toString(), "--save-snapshot", resaved.toString(), "--show-pass"));
    assertEquals(4, replay.exit(), replay.err());
    Map<String, String> outputs = reports("old", replay);
    outputs.put("resaved snapshot", Files.readString(resaved));
    for (Map.Entry<String, String> out : outputs.entrySet()) assertFalse(out.getValue().contains("PlantedInOldSnapshot"), out.getKey());
  }

  @Test
  void explainShowsNoPlantedSecret() {
    for (String resource : new String[] {ENV, "awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1", "sg-18b12974be05d304b"}) {
      Run r = Run.of("explain", resource, "--from-aws-cli", in.toString());
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains(resource), r.out());
      for (String secret : secrets) assertFalse((r.out() + r.err()).contains(secret), secret + " leaked into explain " + resource);
    }
  }

  @Test
  void anErrorQuotingAMalformedSettingsFileShowsNoSecret() throws IOException {
    Path bad = copyScenario("bad");
    String settings = Files.readString(in.resolve("describe-configuration-settings.json"));
    // An unquoted value is a JSON syntax error whose message quotes the token.
    String broken = settings.replace("\"" + SHAPES.get("ghp").value() + "\"", SHAPES.get("ghp").value());
    assertTrue(!broken.equals(settings));
    Files.writeString(bad.resolve("describe-configuration-settings.json"), broken);
    Run r = Run.of("scan", "--from-aws-cli", bad.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("describe-configuration-settings.json"), r.err());
    assertFalse(r.err().contains("PlantedGhp"), r.err());

    Run explain = Run.of("explain", SHAPES.get("jwt").value(), "--from-aws-cli", in.toString());
    assertEquals(2, explain.exit(), explain.err());
    assertFalse(explain.err().contains(SHAPES.get("jwt").mustNotAppear()), explain.err());
  }

  private String[] scanArgs(String prefix, String... args) {
    List<String> all = new ArrayList<>(List.of("scan"));
    all.addAll(List.of(args));
    for (ReportFormat f : ReportFormat.values()) all.addAll(List.of("-o", f.id() + "=" + tmp.resolve(prefix + "." + f.id())));
    all.addAll(List.of("-o", "table"));
    return all.toArray(String[]::new);
  }

  private Map<String, String> reports(String prefix, Run run) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (ReportFormat f : ReportFormat.values()) out.put(prefix + "." + f.id(), Files.readString(tmp.resolve(prefix + "." + f.id())));
    out.put(prefix + " stdout", run.out());
    out.put(prefix + " stderr", run.err());
    return out;
  }

  private Path copyScenario(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    try (Stream<Path> files = Files.list(SCENARIO)) {
      for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
    }
    return dir;
  }

  private static void option(ArrayNode options, String namespace, String name, String value) {
    options.addObject().put("Namespace", namespace).put("OptionName", name).put("Value", value);
  }

  @Test
  void aPlainPasswordLeftUnquotedInASettingsFileIsNotQuotedInTheError() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("unquoted"));
    Files.writeString(dir.resolve("settings.json"), "{\"ConfigurationSettings\": [{\"ApplicationName\": \"a\", \"EnvironmentName\": \"e\",\n"
        + "  \"OptionSettings\": [{\"Namespace\": \"aws:elasticbeanstalk:application:environment\", \"OptionName\": \"DB_PASSWORD\","
        + " \"Value\": hunter2plainword}]}]}\n");
    Run r = Run.of("scan", "--from-aws-cli", dir.toString());
    assertEquals(ExitCode.USAGE.code, r.exit(), r.toString());
    assertTrue(r.err().contains("settings.json:2: malformed JSON: expected a JSON value"), r.err());
    assertFalse(r.err().contains("hunter2plainword"), "the unquoted word may be a password: " + r.err());
  }
}
