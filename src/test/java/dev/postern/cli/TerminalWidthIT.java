package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar run in a real pseudo-terminal of 80 and 120 columns with no COLUMNS variable
 * (src/test/pty/run_in_pty.py sizes it with TIOCSWINSZ): the width comes from the terminal itself.
 * Runs after {@code package} (failsafe), on the jar a user runs.
 */
class TerminalWidthIT {
  static final Path JAR = Path.of("target/postern.jar");
  static final String DB = "awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1";
  @TempDir static Path dir;

  @BeforeAll
  static void preconditions() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(JAR), "target/postern.jar is built by mvn package");
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/ptmx")), "no pseudo-terminals on this system");
    Assumptions.assumeTrue(run(List.of("python3", "-c", "import pty, termios, fcntl"), false).exit == 0, "python3 with pty");
  }

  record Out(int exit, String text) {
    /** Lines as the terminal showed them: CR LF turned to LF, SGR escapes removed. */
    List<String> lines() {
      return text.replace("\r", "").replaceAll("\u001b\\[[0-9;]*m", "").lines().toList();
    }

    int widest() {
      return lines().stream().mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(0);
    }
  }

  static Out run(List<String> cmd, boolean noColor) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("COLUMNS");
    pb.environment().remove("LINES");
    pb.environment().remove("NO_COLOR");
    if (noColor) pb.environment().put("NO_COLOR", "1");
    pb.environment().put("TERM", "xterm-256color");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    return new Out(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static Out inPty(int columns, String... args) throws Exception {
    return inPty(columns, false, args);
  }

  static Out inPty(int columns, boolean noColor, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3", "src/test/pty/run_in_pty.py", Integer.toString(columns), "24", "java", "-jar",
        JAR.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, noColor);
  }

  static void fits(Out o, int columns, String what) {
    assertFalse(o.lines().isEmpty(), what + " printed nothing");
    for (String l : o.lines()) {
      assertTrue(l.codePointCount(0, l.length()) <= columns, what + ": a line wider than " + columns + ":\n" + l + "\n\n" + o.text());
    }
  }

  @Test
  void atEightyColumnsNoLineIsWiderThanEighty() throws Exception {
    Out scan = inPty(80, "scan", "--demo");
    assertEquals(4, scan.exit(), scan.text());
    fits(scan, 80, "scan --demo");
    assertTrue(scan.widest() >= 70, "the table uses the width it has: " + scan.widest());
    assertTrue(scan.text().contains(" \\\r\n"), "fix commands wrap with shell continuations");
    assertTrue(scan.text().contains("…"), "long resource names are shortened in the header");

    fits(inPty(80, "rules", "list"), 80, "rules list");
    fits(inPty(80, "explain", "--demo", DB), 80, "explain");

    Path old = dir.resolve("old.json");
    Path now = dir.resolve("new.json");
    run(List.of("java", "-jar", JAR.toString(), "scan", "--from-aws-cli", "src/test/resources/scenarios/beanstalk-hardened/aws", "-o",
        "json=" + old), true);
    run(List.of("java", "-jar", JAR.toString(), "scan", "--demo", "-o", "json=" + now), true);
    Out diff = inPty(80, "diff", old.toString(), now.toString());
    assertTrue(diff.text().contains("New ("), diff.text());
    fits(diff, 80, "diff");
  }

  @Test
  void atOneHundredTwentyColumnsTheWidthIsReallyRead() throws Exception {
    Out scan = inPty(120, "scan", "--demo");
    fits(scan, 120, "scan --demo");
    assertTrue(scan.widest() > 100, "a 120-column terminal gets lines wider than 80 and 100: " + scan.widest());
    Out rules = inPty(120, "rules", "list");
    fits(rules, 120, "rules list");
    assertTrue(rules.widest() > 80, "rules list at 120: " + rules.widest());
  }

  @Test
  void colourFollowsTheTerminalNoColorAndTheFlag() throws Exception {
    assertTrue(inPty(80, "scan", "--demo").text().contains("\u001b["), "auto on a terminal colours");
    assertFalse(inPty(80, true, "scan", "--demo").text().contains("\u001b["), "NO_COLOR");
    assertFalse(inPty(80, "scan", "--demo", "--color=never").text().contains("\u001b["), "--color=never");
    assertTrue(inPty(80, true, "rules", "list", "--color=always").text().contains("\u001b["), "--color=always beats NO_COLOR");
  }

  /** Redirected, the table takes 80 columns (no COLUMNS), has no colour, and nothing hangs or is printed besides the report. */
  @Test
  void notATerminal() throws Exception {
    Out piped = run(List.of("java", "-jar", JAR.toString(), "scan", "--demo"), false);
    assertEquals(4, piped.exit(), piped.text());
    fits(piped, 80, "scan --demo | cat");
    assertFalse(piped.text().contains("\u001b["), piped.text());
    assertTrue(piped.text().startsWith("SEVERITY"), piped.text());
    Out always = run(List.of("java", "-jar", JAR.toString(), "scan", "--demo", "--color=always"), false);
    assertTrue(always.text().contains("\u001b["), "--color=always colours a pipe too");
  }
}
