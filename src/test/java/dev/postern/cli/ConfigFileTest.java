package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scan's defaults from a config file and the environment: flags > env > config > defaults (issue 18). */
class ConfigFileTest {
  /** Its only FAILs are high: exit 4 at --fail-on high, 0 at critical. */
  static final String HIGH_ONLY = "sg-admin-port-open-to-internet";

  static Path config(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("postern.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** The input itself may come from the file or the environment; an input flag wins over it; two inputs are refused. */
  @Test
  void theInputComesFromTheConfigFileUnlessAFlagNamesOne(@TempDir Path tmp) throws Exception {
    Path json = tmp.resolve("r.json");
    Path c = config(tmp, "demo: true\noutput: [json=" + json + "]\n");
    Run fromFile = Run.of("scan", "--config", c.toString());
    assertEquals(ExitCode.FINDINGS.code, fromFile.exit(), fromFile.err());
    assertTrue(Files.readString(json).contains("\"complete\" : true"), "the demo was audited, not a live account");
    Run flagWins = Run.of("scan", "--config", c.toString(), "--from-snapshot", tmp.resolve("none.json").toString());
    assertEquals(ExitCode.USAGE.code, flagWins.exit());
    assertTrue(flagWins.err().contains("none.json: snapshot file not found"), flagWins.err());
    Run fromEnv = Run.withEnv(Map.of("POSTERN_DEMO", "true"), "scan", "--config", config(tmp, "fail-on: critical\n").toString());
    assertEquals(ExitCode.FINDINGS.code, fromEnv.exit(), "the demo's critical FAILs, not a live scan without a region: " + fromEnv.err());
    Run two = Run.of("scan", "--config", config(tmp, "demo: true\nfrom-snapshot: x.json\n").toString());
    assertEquals(ExitCode.USAGE.code, two.exit());
    assertTrue(two.err().contains("give at most one input of demo, from-snapshot"), two.err());
  }

  @Test
  void configFileIsHonouredShownAndOverriddenByAFlag(@TempDir Path tmp) throws Exception {
    Path c = config(tmp, "fail-on: critical\nregion:\n  - us-east-1\n  - eu-west-1\nonly-rule: " + HIGH_ONLY + "\n");
    Run show = Run.of("config", "show", "--config", c.toString());
    assertEquals(0, show.exit(), show.err());
    assertTrue(show.out().contains("fail-on: critical  # " + c + ":1"), show.out());
    assertTrue(show.out().contains("region: [us-east-1, eu-west-1]  # " + c + ":2"), show.out());
    assertTrue(show.out().contains("show-pass: false  # default"), show.out());

    // The regions are a live scan's: with --demo they are dropped, not refused.
    assertEquals(0, Run.of("scan", "--demo", "--config", c.toString()).exit(), "critical from the file: high FAILs pass the gate");
    assertEquals(4, Run.of("scan", "--demo", "--config", c.toString(), "--fail-on", "high").exit(), "the flag wins");
    Run flagShown = Run.of("config", "show", "--config", c.toString(), "--fail-on", "high");
    assertTrue(flagShown.out().contains("fail-on: high  # flag --fail-on"), flagShown.out());
  }

  @Test
  void environmentBeatsTheFileAndLosesToAFlag(@TempDir Path tmp) throws Exception {
    Path c = config(tmp, "fail-on: critical\nonly-rule: [" + HIGH_ONLY + "]\n");
    Map<String, String> env = Map.of("POSTERN_FAIL_ON", "high");
    assertEquals(4, Run.withEnv(env, "scan", "--demo", "--config", c.toString()).exit());
    assertEquals(0, Run.withEnv(env, "scan", "--demo", "--config", c.toString(), "--fail-on", "critical").exit());
    Run show = Run.withEnv(Map.of("POSTERN_FAIL_ON", "high", "POSTERN_REGION", "us-west-2,eu-west-1"), "config", "show",
        "--config", c.toString());
    assertTrue(show.out().contains("fail-on: high  # env POSTERN_FAIL_ON"), show.out());
    assertTrue(show.out().contains("region: [us-west-2, eu-west-1]  # env POSTERN_REGION"), show.out());
    // Without a file at all.
    assertEquals(4, Run.withEnv(env, "scan", "--demo", "--only-rule", HIGH_ONLY).exit());
    assertEquals(0, Run.withEnv(Map.of("POSTERN_FAIL_ON", "critical"), "scan", "--demo", "--only-rule", HIGH_ONLY).exit());
  }

  @Test
  void xdgConfigIsTheFallback(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("postern"));
    Files.writeString(tmp.resolve("postern/config.yaml"), "fail-on: critical\n");
    Run show = Run.withEnv(Map.of("XDG_CONFIG_HOME", tmp.toString()), "config", "show");
    assertTrue(show.out().contains("fail-on: critical  # " + tmp.resolve("postern/config.yaml") + ":1"), show.out());
  }

  @Test
  void theWorkingDirectorysFileComesFirst(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve(".postern.yaml"), "fail-on: medium\n");
    Path xdg = Files.createDirectories(tmp.resolve("xdg/postern"));
    Files.writeString(xdg.resolve("config.yaml"), "fail-on: critical\n");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "config", "show"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(out.contains("fail-on: medium  # .postern.yaml:1"), out);
  }

  @Test
  void aTypoIsExit2NamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path c = config(tmp, "fail-on: critical\nregoin: us-east-1\n");
    Run r = Run.of("scan", "--demo", "--config", c.toString());
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals("error: " + c + ":2: unknown key 'regoin' (did you mean region?) (keys are the long options of 'postern scan'"
        + " without '--')\n", r.err());
  }

  @Test
  void aBadValueIsExit2NamingFileAndLine(@TempDir Path tmp) throws Exception {
    for (String[] c : new String[][] {
        {"# comment\nfail-on: critcal\n", ":2: fail-on: unknown severity 'critcal'"},
        {"show-pass: yes please\n", ":1: show-pass: expected true or false, found 'yes please'"},
        {"parallelism: many\n", ":1: parallelism: expected a whole number, found 'many'"},
        {"fail-on: [high, low]\n", ":1: fail-on: takes one value, found a list"},
        {"region: {a: 1}\n", ":1: region: expected a value or a list of values"},
        {"fail-on: high\nfail-on: low\n", ":2: 'fail-on' is set twice"},
        {"fail-on: 'x\n", ":1: not valid YAML"}}) {
      Path f = config(tmp, c[0]);
      Run r = Run.of("scan", "--demo", "--config", f.toString());
      assertEquals(2, r.exit(), c[0] + r.err());
      assertTrue(r.err().startsWith("error: " + f + c[1]), c[0] + " -> " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      dev.postern.InternalNames.assertNone(r.err());
    }
    Run env = Run.withEnv(Map.of("POSTERN_FAIL_ON", "bogus"), "scan", "--demo");
    assertEquals(2, env.exit());
    assertTrue(env.err().startsWith("error: POSTERN_FAIL_ON: fail-on: unknown severity 'bogus'"), env.err());
    Run missing = Run.of("scan", "--demo", "--config", tmp.resolve("nope.yaml").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("nope.yaml: config file not found"), missing.err());
  }

  @Test
  void listOptionsTakeCommasAndLists(@TempDir Path tmp) throws Exception {
    Path c = config(tmp, "only-rule: [" + HIGH_ONLY + ", sg-db-port-open-to-internet]\n");
    Run r = Run.of("scan", "--demo", "--config", c.toString(), "-o", "json");
    assertTrue(r.out().contains("sg-db-port-open-to-internet") && r.out().contains(HIGH_ONLY), r.err());
    assertTrue(!r.out().contains("\"ruleName\" : \"rds-publicly-accessible\""), "only the two rules");
  }
}
