package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -v, -q, --output-dir with name templates, generatedAt and SOURCE_DATE_EPOCH (issue 18). */
class OperabilityTest {
  static final String ONE_RULE = "sg-admin-port-open-to-internet";

  @Test
  void reportsCarryGeneratedAtAndVersionFromSourceDateEpoch(@TempDir Path tmp) throws Exception {
    Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
    Run a = Run.withEnv(env, "scan", "--demo", "-o", "json=" + tmp.resolve("a.json"), "-o", "sarif=" + tmp.resolve("a.sarif"),
        "-o", "markdown=" + tmp.resolve("a.md"), "-o", "junit=" + tmp.resolve("a.xml"), "-o", "table");
    Run b = Run.withEnv(env, "scan", "--demo", "-o", "json=" + tmp.resolve("b.json"), "-o", "sarif=" + tmp.resolve("b.sarif"),
        "-o", "markdown=" + tmp.resolve("b.md"), "-o", "junit=" + tmp.resolve("b.xml"), "-o", "table");
    JsonNode json = CliRun.json(tmp.resolve("a.json"));
    assertEquals("2023-11-14T22:13:20Z", json.path("generatedAt").asText());
    assertEquals(VersionProvider.version(), json.path("tool").path("version").asText());
    assertEquals("2023-11-14T22:13:20Z", CliRun.json(tmp.resolve("a.sarif")).path("runs").get(0).path("invocations").get(0)
        .path("endTimeUtc").asText());
    assertTrue(Files.readString(tmp.resolve("a.md")).contains("· postern " + VersionProvider.version() + " · generated 2023-11-14T22:13:20Z"));
    assertTrue(Files.readString(tmp.resolve("a.xml")).contains("timestamp=\"2023-11-14T22:13:20Z\""));
    assertTrue(a.out().contains("postern " + VersionProvider.version() + " · generated 2023-11-14T22:13:20Z\n"), a.out());
    for (String ext : List.of("json", "sarif", "md", "xml")) {
      assertEquals(Files.readString(tmp.resolve("a." + ext)), Files.readString(tmp.resolve("b." + ext)), "byte-identical " + ext);
    }
    assertEquals(a.out(), b.out());
  }

  @Test
  void withoutSourceDateEpochItIsNow(@TempDir Path tmp) throws Exception {
    java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Run.withEnv(Map.of("SOURCE_DATE_EPOCH", ""), "scan", "--demo", "-o", "json=" + tmp.resolve("r.json"));
    java.time.Instant at = java.time.Instant.parse(CliRun.json(tmp.resolve("r.json")).path("generatedAt").asText());
    assertFalse(at.isBefore(before), at + " before " + before);
    assertFalse(at.isAfter(java.time.Instant.now()));
  }

  @Test
  void aBadSourceDateEpochIsExit2() {
    Run r = Run.withEnv(Map.of("SOURCE_DATE_EPOCH", "yesterday"), "scan", "--demo");
    assertEquals(2, r.exit());
    assertEquals("error: SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC, found 'yesterday'\n", r.err());
  }

  @Test
  void outputDirAndNameTemplates(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("reports");
    Run r = Run.withEnv(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "scan", "--demo", "--only-rule", ONE_RULE,
        "--output-dir", dir.toString(), "-o", "json=postern-{account}-{date}-{time}.json", "-o", "sarif={account}/{date}.sarif",
        "-o", "markdown=" + tmp.resolve("abs-{date}.md"));
    assertEquals(4, r.exit(), r.err());
    assertTrue(Files.isRegularFile(dir.resolve("postern-123456789012-2023-11-14-221320.json")), list(tmp));
    assertTrue(Files.isRegularFile(dir.resolve("123456789012/2023-11-14.sarif")), list(tmp));
    assertTrue(Files.isRegularFile(tmp.resolve("abs-2023-11-14.md")), "an absolute path is not put under --output-dir: " + list(tmp));

    Run bad = Run.of("scan", "--demo", "-o", "json=" + tmp.resolve("x-{host}.json"));
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("unknown template {host} (use {account}, {date}, {time})"), bad.err());
  }

  static String list(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      return s.map(Path::toString).toList().toString();
    }
  }

  @Test
  void quietPrintsNothingButTheReport(@TempDir Path tmp) throws Exception {
    // A folder with a file postern does not read: a warning, unless -q.
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(Scenarios.aws("beanstalk-hardened"), in.resolve("x"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (var files = Files.list(Scenarios.aws("beanstalk-hardened"))) {
      for (Path f : files.toList()) Files.copy(f, in.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(in.resolve("notes.json"), "{\"Notes\": []}");
    Run loud = Run.of("scan", "--from-aws-cli", in.toString());
    assertTrue(loud.err().contains("notes.json: not an AWS CLI output postern reads; skipped"), loud.err());
    Run quiet = Run.of("scan", "--from-aws-cli", in.toString(), "-q");
    assertEquals("", quiet.err());
    assertEquals(loud.out(), quiet.out());
    assertEquals(loud.exit(), quiet.exit());
    Run both = Run.of("scan", "--demo", "-q", "-v");
    assertEquals(2, both.exit());
    assertEquals("error: -q: give either -q or -v, not both\n", both.err());
  }

  @Test
  void verboseTellsThePhasesAndTheirTimings() {
    Run quiet = Run.of("scan", "--demo");
    assertFalse(quiet.err().contains("postern: "), quiet.err());
    Run v = Run.of("scan", "--demo", "-v");
    for (String phase : List.of("collect", "model", "graph", "rules", "report")) {
      assertTrue(Pattern.compile("(?m)^postern: " + phase + " done in \\d+ ms$").matcher(v.err()).find(), v.err());
    }
    assertTrue(v.err().contains("timings: startup "), v.err());
    assertEquals(quiet.out(), v.out(), "stdout is the report, whatever -v");
  }

  /** -vv (a process of its own: SLF4J is set up once per JVM): every AWS call, its duration and retries; no secret. */
  @Test
  void veryVerboseLogsEveryAwsCallWithItsDurationAndRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: every call is refused, and retried
    }
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz";
    String err = child(Map.of("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", secret),
        "scan", "--endpoint-url", "http://127.0.0.1:" + port, "--region", "us-east-1", "--timeout", "5s", "-vv");
    assertTrue(Pattern.compile("\\[DEBUG] aws - Sts:GetCallerIdentity us-east-1 failed \\(no AWS answer\\) in \\d+ ms, \\d attempts \\(\\d retr")
        .matcher(err).find(), err);
    // The calls started beside GetCallerIdentity are logged as they end (the scan stops when it fails).
    assertTrue(err.lines().filter(l -> l.contains("[DEBUG] aws - ")).allMatch(l -> l.matches(".* us-east-1 .* in \\d+ ms, \\d attempts?( \\(\\d retr(y|ies)\\))?")), err);
    assertFalse(err.contains(secret), "no secret in the log");
    assertTrue(err.contains("error: cannot reach AWS STS"), err);

    String once = child(Map.of("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", secret),
        "scan", "--endpoint-url", "http://127.0.0.1:" + port, "--region", "us-east-1", "--timeout", "5s", "-v");
    assertFalse(once.contains("[DEBUG]"), "-v does not log calls: " + once);
  }

  static String child(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "src/test/no-dns-hosts"), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", Files.createTempDirectory("postern-home-").toString());
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().putAll(env);
    Path err = Files.createTempFile("postern-err-", ".txt");
    try {
      Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
      return Files.readString(err);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
