package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #17's "real account": the live benchmark's estate (bench/seed.py: 4 regions × 300 groups
 * chained to each other, 30 databases and 10 replication groups a region) scanned live from moto.
 * Its pictures and comment-sized reports stay within what their platforms accept: Mermaid's
 * default 500 edges and 50,000 characters (and Mermaid itself, in headless Chromium, renders it), a
 * DOT picture {@code dot -Tpng} renders within 10,000 px a side, Markdown within a GitHub comment,
 * SARIF without PASS results.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicturesAtScaleTest {
  static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2");

  Optional<String> unavailable;
  MotoServer moto;
  Path dir;
  CliRun scan;

  @BeforeAll
  void scanTheEstate() throws Exception {
    unavailable = MotoServer.unavailable();
    if (unavailable.isPresent()) return;
    moto = MotoServer.start();
    LiveMotoTest.credentials("testing", "testing");
    System.setProperty("aws.disableEc2Metadata", "true");
    moto.reset();
    List<String> cmd = new ArrayList<>(List.of("python3", "bench/seed.py"));
    cmd.addAll(REGIONS);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(Map.of("AWS_ENDPOINT_URL", moto.endpoint, "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "seeding took over 5 minutes");
    assertEquals(0, p.exitValue(), out);
    dir = Files.createTempDirectory("postern-pictures-");
    List<String> args = new ArrayList<>(List.of("scan", "--endpoint-url", moto.endpoint, "--timeout", "60s", "--show-pass",
        "-o", "json=" + dir.resolve("r.json"), "-o", "dot=" + dir.resolve("r.dot"), "-o", "mermaid=" + dir.resolve("r.mmd"),
        "-o", "markdown=" + dir.resolve("r.md"), "-o", "sarif=" + dir.resolve("r.sarif")));
    REGIONS.forEach(r -> args.addAll(List.of("--region", r)));
    scan = CliRun.run(LiveMotoTest.ENV, false, null, args.toArray(String[]::new));
    assertEquals(ExitCode.FINDINGS.code, scan.code(), scan.toString());
  }

  @AfterAll
  void stop() throws Exception {
    if (moto != null) moto.close();
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.disableEc2Metadata");
  }

  void needsMoto() {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
  }

  @Test
  void theScanIsARealAccountsWorth() {
    needsMoto();
    JsonNode report = CliRun.json(dir.resolve("r.json"));
    assertTrue(report.path("complete").asBoolean(), report.path("errors").toString());
    assertEquals(4, report.path("scopes").size());
    assertTrue(report.at("/summary/fail").asInt() > 200, report.path("summary").toString());
  }

  @Test
  void mermaidIsWithinItsDefaultLimits() throws IOException {
    needsMoto();
    String mmd = Files.readString(dir.resolve("r.mmd"));
    long edges = mmd.lines().filter(l -> l.contains(" -->|")).count();
    assertTrue(edges > 50 && edges <= 500, edges + " edges");
    assertTrue(mmd.length() <= 50_000, mmd.length() + " characters");
    assertTrue(mmd.contains("not drawn (Mermaid draws at most 500 edges"), "a visible note says what was left out");
    for (String region : REGIONS) assertTrue(mmd.contains("<br/>" + region + "<br/>"), "labels name the region " + region);
  }

  /** Mermaid itself (its default configuration, in headless Chromium) renders the picture, as GitHub would. */
  @Test
  void mermaidRendersItWithItsDefaultConfiguration() throws Exception {
    needsMoto();
    Assumptions.assumeTrue(dev.postern.Browser.unavailable().isEmpty(), "no Chromium");
    try (dev.postern.Browser browser = dev.postern.Browser.start(1200, 900)) {
      var mermaid = dev.postern.MermaidInBrowser.open(browser, dir.resolve("mermaid"));
      assertEquals(Optional.empty(), mermaid.error(Files.readString(dir.resolve("r.mmd"))));
    }
  }

  @Test
  void dotRendersToAPictureAPersonCanRead() throws Exception {
    needsMoto();
    if (!ReportValidationTest.onPath("dot")) {
      if ("true".equals(System.getenv("CI"))) throw new AssertionError("under CI=true graphviz must be installed");
      Assumptions.abort("graphviz (dot) is not installed");
    }
    Path png = dir.resolve("r.png");
    Process p = new ProcessBuilder("dot", "-Tpng", dir.resolve("r.dot").toString(), "-o", png.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("too large"), out);
    try (InputStream in = Files.newInputStream(png); DataInputStream d = new DataInputStream(in)) {
      d.skipNBytes(16); // signature, IHDR length and type
      int width = d.readInt();
      int height = d.readInt();
      assertTrue(width <= 10_000 && height <= 10_000, width + " × " + height + " px");
      assertTrue(width > 300 && height > 300, width + " × " + height + " px: something was drawn");
    }
  }

  @Test
  void markdownFitsAGithubComment() throws IOException {
    needsMoto();
    String md = Files.readString(dir.resolve("r.md"));
    assertTrue(md.length() <= 65_536, md.length() + " characters");
    assertTrue(md.contains(" findings listed**"), "says how many were left out");
  }

  @Test
  void sarifHasNoPassResults() {
    needsMoto();
    JsonNode report = CliRun.json(dir.resolve("r.json"));
    JsonNode run = CliRun.json(dir.resolve("r.sarif")).path("runs").get(0);
    run.path("results").forEach(r -> assertEquals("fail", r.path("kind").asText(), r.toString()));
    assertEquals(report.at("/summary/fail").asInt() + report.at("/summary/suppressed").asInt(), run.path("results").size());
    assertEquals(report.at("/summary/pass").asInt(), run.at("/properties/notReported/pass").asInt());
  }

  @Test
  void graphOfDrawsOneDataStoresNeighbourhood() throws IOException {
    needsMoto();
    Path mmd = dir.resolve("one.mmd");
    List<String> args = new ArrayList<>(List.of("scan", "--endpoint-url", moto.endpoint, "--timeout", "60s", "--region", "eu-west-1",
        "--graph-of", "bench-db-05", "-o", "mermaid=" + mmd));
    CliRun r = CliRun.run(LiveMotoTest.ENV, false, null, args.toArray(String[]::new));
    assertEquals(ExitCode.FINDINGS.code, r.code(), r.toString());
    String text = Files.readString(mmd);
    assertTrue(text.contains("rds-instance bench-db-05"), text);
    assertFalse(text.contains("not drawn"), text);
    // Its group, the five before it in the chain, the Internet (open groups), the group after it.
    assertEquals(8, text.lines().filter(l -> l.matches("\\s+n\\d+(\\[|\\(\\().*")).count(), text);
  }
}
