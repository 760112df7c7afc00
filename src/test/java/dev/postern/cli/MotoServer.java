package dev.postern.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A moto server of the test's own, on a free loopback port, stopped by {@link #close}. Without
 * moto_server on the PATH the tests are skipped, except under CI (CI=true), where that fails.
 */
final class MotoServer implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** moto_server checks IAM only after this many requests: in effect never, until {@link #enforceIam}. */
  private static final String NO_AUTH_COUNT = "1000000000";

  final String endpoint;
  private final Process process;
  private final Path log;
  private final Path seed;

  private MotoServer(String endpoint, Process process, Path log, Path seed) {
    this.endpoint = endpoint;
    this.process = process;
    this.log = log;
    this.seed = seed;
  }

  /** Why moto cannot run here, if it cannot. Under CI (CI=true) that is a failure, not a reason. */
  static Optional<String> unavailable() throws IOException, InterruptedException {
    String why = null;
    if (!onPath("moto_server") || !onPath("python3")) {
      why = "moto_server and python3 are not on the PATH";
    } else {
      Process p = new ProcessBuilder("python3", "-c", "import boto3, moto").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) why = "python3 cannot import boto3 and moto";
    }
    if (why == null) return Optional.empty();
    why += ": the live-collection tests against moto need moto[server] 5.2.1 and boto3 (pip install 'moto[server]==5.2.1' boto3)";
    if ("true".equals(System.getenv("CI"))) Assertions.fail(why + "; under CI=true they must run, not be skipped");
    System.err.println("SKIPPED " + why);
    return Optional.of(why);
  }

  static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("postern-moto-", ".log");
    ProcessBuilder pb = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", NO_AUTH_COUNT);
    Process p = pb.start();
    Path seed = Files.createTempFile("postern-seed-", ".py");
    try (InputStream in = MotoServer.class.getResourceAsStream("/live/seed.py")) {
      Files.copy(in, seed, StandardCopyOption.REPLACE_EXISTING);
    }
    MotoServer m = new MotoServer("http://127.0.0.1:" + port, p, log, seed);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (m.call("GET", "/moto-api/", "").statusCode() == 200) return m;
      } catch (IOException notYet) {
        // still starting
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        m.close();
        Assertions.fail("moto_server did not start on port " + port + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) return true;
    }
    return false;
  }

  private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    // 60 s: on a loaded machine moto may still be answering the previous test's all-region fan-out.
    HttpRequest r = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** Forgets everything seeded, and fixes moto's ids (seed 42). */
  void reset() throws IOException, InterruptedException {
    Assertions.assertEquals(200, call("POST", "/moto-api/reset", "").statusCode());
    Assertions.assertEquals(200, call("POST", "/moto-api/seed?a=42", "").statusCode());
  }

  /** From now on every request is checked against IAM ({@code false}: never again). */
  void enforceIam(boolean on) throws IOException, InterruptedException {
    Assertions.assertEquals(200, call("POST", "/moto-api/reset-auth", on ? "0" : NO_AUTH_COUNT).statusCode());
  }

  /** Runs src/test/resources/live/seed.py SCENARIO; its JSON output. */
  JsonNode seed(String scenario) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("python3", seed.toString(), scenario).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      Assertions.fail("seed " + scenario + " took too long");
    }
    Assertions.assertEquals(0, p.exitValue(), "seed " + scenario + " failed: " + new String(out, StandardCharsets.UTF_8));
    return CliRun.JSON.readTree(out);
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    Files.deleteIfExists(log);
    Files.deleteIfExists(seed);
  }
}
