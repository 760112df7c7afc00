package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes of docs/recipes.md run as written: the GitHub Actions job's run steps (but the
 * build, which is this build), the GitLab job's script, the cron command. {@code postern} is the
 * classes under test, and {@code aws} a stand-in that answers from the test scenario
 * (src/test/resources/recipes/aws): the capture script's calls against the real AWS CLI are
 * CaptureScriptMotoTest's.
 */
class RecipesTest {
  static final Path DOC = Path.of("docs/recipes.md");
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/beanstalk-default-insecure/aws").toAbsolutePath();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;
  Path bin;
  Map<String, String> env = new HashMap<>();

  @BeforeEach
  void tools() throws Exception {
    boolean tools = ReportValidationTest.onPath("bash") && ReportValidationTest.onPath("python3")
        && new ProcessBuilder("python3", "-c", "import jmespath").start().waitFor() == 0;
    // Under CI the recipes must run, not be skipped.
    if (!tools && "true".equals(System.getenv("CI"))) throw new AssertionError("the recipes test needs bash, python3 and jmespath");
    Assumptions.assumeTrue(tools, "bash, python3 and its jmespath (installed with the AWS CLI)");
    bin = Files.createDirectories(tmp.resolve("bin"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    shim("postern", "exec \"" + java + "\" -XX:TieredStopAtLevel=1 -cp \"" + System.getProperty("java.class.path")
        + "\" dev.postern.cli.Main \"$@\"");
    shim("aws", "exec python3 \"" + Path.of("src/test/resources/recipes/aws").toAbsolutePath() + "\" \"$@\"");
    shim("mail", "{ echo \"mail $*\"; cat; } >> \"" + tmp.resolve("mail.txt") + "\"");
    env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("FAKE_AWS_DIR", SCENARIO.toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  void shim(String name, String body) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/sh\n" + body + "\n");
    f.toFile().setExecutable(true);
  }

  static String block(String lang) throws Exception {
    Matcher m = Pattern.compile("```" + lang + "\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    assertTrue(m.find(), "a ```" + lang + " block in " + DOC);
    return m.group(1);
  }

  record Result(int exit, String out) {}

  /** As GitHub and GitLab run a script: bash, stopping at the first command that fails. */
  Result sh(Path dir, String script, Map<String, String> more) throws Exception {
    return run(dir, List.of("bash", "-e", "-c", script), more);
  }

  /** As cron runs a command: sh -c. */
  Result cron(Path dir, String command, Map<String, String> more) throws Exception {
    return run(dir, List.of("sh", "-c", command), more);
  }

  Result run(Path dir, List<String> cmd, Map<String, String> more) throws Exception {
    String script = cmd.get(cmd.size() - 1);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().putAll(more);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished: " + script);
    return new Result(p.exitValue(), out);
  }

  @Test
  void githubActionsJob() throws Exception {
    String yaml = block("yaml");
    JsonNode steps = YAML.readTree(yaml).path("jobs").path("postern").path("steps");
    Path work = Files.createDirectories(tmp.resolve("gh"));
    Path output = work.resolve("github-output");
    Path summary = work.resolve("github-summary");
    Files.createFile(output);
    Files.createFile(summary);
    Map<String, String> gh = Map.of("GITHUB_OUTPUT", output.toString(), "GITHUB_STEP_SUMMARY", summary.toString(),
        "GITHUB_PATH", work.resolve("github-path").toString());
    List<String> ran = new ArrayList<>();
    Result gate = null;
    for (JsonNode step : steps) {
      if (!step.has("run") || step.path("name").asText().equals("Build postern")) continue;
      String name = step.path("name").asText();
      Map<String, String> stepEnv = new HashMap<>(gh);
      step.path("env").fields().forEachRemaining(e -> stepEnv.put(e.getKey(), e.getValue().asText()));
      // The one expression the job uses: the audit step's output.
      String code = Files.readString(output).replaceAll("(?s).*code=(\\d+).*", "$1");
      stepEnv.replaceAll((k, v) -> v.replace("${{ steps.audit.outputs.code }}", code));
      Result r = sh(work, step.path("run").asText(), stepEnv);
      ran.add(name);
      if (name.equals("Gate")) gate = r;
      else assertEquals(0, r.exit(), name + ":\n" + r.out());
    }
    assertEquals(List.of("Capture", "Audit", "Summary", "Gate"), ran);
    assertTrue(Files.readString(output).contains("code=4"), "the scenario has high FAILs: " + Files.readString(output));
    assertEquals(1, gate.exit(), gate.out());
    assertTrue(gate.out().contains("::error::findings at or above high"), gate.out());
    assertTrue(Files.isRegularFile(work.resolve("capture/123456789012/us-east-1/describe-security-groups.json")));
    assertTrue(Files.isRegularFile(work.resolve("capture/123456789012/eu-west-1/describe-security-groups.json")));
    assertEquals(Files.readString(work.resolve("postern.md")), Files.readString(summary), "the summary is the Markdown report");
    assertTrue(Files.size(summary) <= 1024 * 1024);
    JsonNode sarif = CliRun.json(work.resolve("postern.sarif"));
    assertEquals("2.1.0", sarif.path("version").asText());
    assertTrue(Files.size(work.resolve("postern-junit.xml")) > 0);
  }

  @Test
  void gitlabJob() throws Exception {
    JsonNode job = YAML.readTree(block("yaml", 2)).path("postern");
    Path work = Files.createDirectories(tmp.resolve("gl"));
    List<String> lines = new ArrayList<>();
    job.path("script").forEach(l -> lines.add(l.asText()));
    Result r = sh(work, String.join("\n", lines), Map.of());
    assertEquals(4, r.exit(), "high FAILs fail the job:\n" + r.out());
    for (JsonNode artifact : job.path("artifacts").path("paths")) {
      assertTrue(Files.size(work.resolve(artifact.asText())) > 0, artifact.asText());
    }
    assertTrue(Files.isRegularFile(work.resolve(job.path("artifacts").path("reports").path("junit").asText())));
  }

  static String block(String lang, int n) throws Exception {
    Matcher m = Pattern.compile("```" + lang + "\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    for (int i = 0; i < n; i++) assertTrue(m.find(), "block " + n);
    return m.group(1);
  }

  @Test
  void nightlyCron() throws Exception {
    String line = block("cron").lines().filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
    String command = line.trim().split("\\s+", 6)[5].replace("\\%", "%");
    assertTrue(command.startsWith("cd /srv/postern && "), command);
    Path work = Files.createDirectories(tmp.resolve("srv"));
    String here = command.replace("cd /srv/postern", "cd '" + work + "'");
    long now = Instant.now().getEpochSecond();
    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    String yesterday = day.format(Instant.ofEpochSecond(now - 86400));
    String today = day.format(Instant.ofEpochSecond(now));

    // The first night: no report of the night before, so diff fails and the mail goes out.
    Result first = cron(tmp, here, Map.of("SOURCE_DATE_EPOCH", Long.toString(now - 86400)));
    assertTrue(Files.isRegularFile(work.resolve("reports/" + yesterday + ".json")), first.out());
    assertTrue(Files.readString(tmp.resolve("mail.txt")).startsWith("mail -s postern: new findings secops@example.com"));
    Files.delete(tmp.resolve("mail.txt"));

    // The next: the same account, nothing new, no mail.
    Result second = cron(tmp, here, Map.of());
    assertEquals(0, second.exit(), second.out());
    assertTrue(Files.isRegularFile(work.resolve("reports/" + today + ".json")), second.out());
    assertTrue(Files.readString(work.resolve("reports/" + today + ".diff.md")).contains("0 new"),
        Files.readString(work.resolve("reports/" + today + ".diff.md")));
    assertTrue(Files.notExists(tmp.resolve("mail.txt")), "no mail when nothing is new");
  }
}
