package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.collect.Collection;
import com.sun.net.httpserver.HttpServer;
import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan that audited nothing is never a clean scan, whatever the input: each input path, fed
 * nothing to audit, exits 2 with one line saying so, and prints no report.
 */
class NothingAuditedTest {
  static final Map<String, String> NO_ENV = Map.of("AWS_CONFIG_FILE", "/nonexistent/postern-test-config");

  @TempDir Path tmp;

  static void refused(Run r, String says) {
    assertEquals(ExitCode.USAGE.code, r.exit(), r.toString());
    assertEquals("", r.out(), "no report over nothing");
    assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error: ")).count(), r.err());
    assertTrue(r.err().contains(says), "'" + says + "' in " + r.err());
  }

  @Test
  void aFolderOfFilesPosternDoesNotReadIsRefused() throws Exception {
    Files.writeString(tmp.resolve("notes.json"), "{\"Whatever\": []}");
    Files.writeString(tmp.resolve("other.json"), "{\"Items\": [1, 2], \"NextToken\": null}");
    Run r = Run.of("scan", "--from-aws-cli", tmp.toString());
    refused(r, "error: " + tmp + ": no AWS CLI output postern reads (looked at 2 .json files); see README \"Usage\"");
  }

  @Test
  void aFolderWithoutJsonIsRefused() throws Exception {
    Files.writeString(tmp.resolve("sg.txt"), "not json");
    refused(Run.of("scan", "--from-aws-cli", tmp.toString()), "looked at 0 .json files");
  }

  @Test
  void aRecognisedFileIsAudited() throws Exception {
    Files.writeString(tmp.resolve("sg.json"), "{\"SecurityGroups\": []}");
    Files.writeString(tmp.resolve("notes.json"), "{\"Whatever\": []}");
    Run r = Run.of("scan", "--from-aws-cli", tmp.toString(), "--region", "us-east-1");
    assertEquals(ExitCode.INCOMPLETE.code, r.exit(), "audited, with the kinds not captured missing: " + r);
    assertTrue(r.err().contains("notes.json: not an AWS CLI output postern reads; skipped"), r.err());
  }

  @Test
  void aCaptureMissingAKindIsAuditedAndAParametersFileItCannotPlaceIsSkipped() throws Exception {
    try (var files = Files.list(Path.of("src/test/resources/scenarios/vprofile/aws"))) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("describe-db-instances.json")) Files.copy(f, tmp.resolve(f.getFileName()));
      }
    }
    Run r = Run.of("scan", "--from-aws-cli", tmp.toString(), "-o", "json");
    assertEquals(ExitCode.FINDINGS.code, r.exit(), r.toString());
    assertTrue(r.err().contains("describe-db-parameters.json: describe-db-parameters output does not say which parameter group;"
        + " skipped"), r.err());
    assertTrue(r.out().contains("\"complete\" : false"), "a missing kind is incomplete, not refused");
  }

  @Test
  void aSnapshotWithoutScopesIsRefused() throws Exception {
    Path snap = tmp.resolve("empty.json");
    Files.writeString(snap, "{\"format\": \"postern-snapshot\", \"schemaVersion\": 1, \"scopes\": [], \"errors\": []}");
    refused(Run.of("scan", "--from-snapshot", snap.toString()), "error: " + snap + ": nothing audited: it holds no account and region");
  }

  /**
   * An account where who is scanning is known but every describe call is denied: over the wire,
   * through the real SDK clients, to a local server that answers so.
   */
  @Test
  void aLiveScanWhoseEveryCallIsDeniedIsRefused() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean identity = body.contains("Action=GetCallerIdentity");
      byte[] answer = (identity
          ? "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
              + "<Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDA</UserId><Account>111122223333</Account>"
              + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
          : "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error>"
              + "<RequestId>r-2</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(identity ? 200 : 403, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try {
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
      CliRun r = CliRun.run(NO_ENV, false, null, "scan", "--endpoint-url", "http://127.0.0.1:" + server.getAddress().getPort(),
          "--region", "us-east-1", "--timeout", "5s", "-o", "json");
      refused(new Run(r.code(), r.out(), r.err()), "error: the live scan: nothing audited: nothing could be collected in 1 scope");
      assertTrue(r.err().contains("AccessDenied: not allowed"), r.err());
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      server.stop(0);
    }
  }

  @Test
  void theInvariantHoldsForAnyCollection() {
    Collection empty = new Collection(List.of(), List.of(), List.of());
    BadInputException e = assertThrows(BadInputException.class, () -> Audit.run(empty, "--demo", List.of()));
    assertEquals("--demo: nothing audited: it holds no account and region to audit; a scan that looked at nothing is never clean",
        e.oneLine());
    Collection failed = new Collection(List.of(new dev.postern.collect.ScopeCapture(new dev.postern.model.Scope("111122223333",
        "us-east-1"), java.util.Set.of(), List.of())), List.of(new CollectionError("ec2", "us-east-1", "111122223333",
        "DescribeSecurityGroups", "AccessDenied", "denied")), List.of());
    BadInputException f = assertThrows(BadInputException.class, () -> Audit.run(failed, "the live scan", List.of()));
    assertTrue(f.oneLine().startsWith("the live scan: nothing audited: nothing could be collected in 1 scope (1 failed call; first:"
        + " ec2 DescribeSecurityGroups in us-east-1: AccessDenied: denied)"), f.oneLine());
  }
}
