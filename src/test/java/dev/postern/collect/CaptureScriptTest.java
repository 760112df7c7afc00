package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture script, the live collector and iam-policy share one list of calls. */
class CaptureScriptTest {
  @Test
  void theScriptNeedsExactlyTheIamPolicysActions() {
    // ReadOnlyTest keeps IamPolicy.ACTIONS equal to the SDK calls of the live collector.
    assertEquals(CaptureScript.lower(IamPolicy.ACTIONS), CaptureScript.lower(CaptureScript.iamActions()));
  }

  @Test
  void everyKindPosternReadsIsCaptured() {
    String script = CaptureScript.script(List.of("us-east-1"), false, "test");
    for (CliKind k : CliKind.values()) {
      assertTrue(script.contains(" " + k.command + " ") || script.contains(" " + k.command + "\n"), k.command);
    }
    for (CaptureScript.Call c : CaptureScript.all()) {
      assertTrue(script.contains("call " + c.service() + " " + c.operation() + " "), c.toString());
      // Files of one call are of the kind the reader recognises them as, or matched by the name the reader expects.
      assertTrue(c.file().endsWith(".json"), c.file());
    }
  }

  @Test
  void theScriptIsPosixShell(@TempDir Path tmp) throws Exception {
    for (String s : List.of(CaptureScript.script(List.of("us-east-1", "eu-west-1"), false, "t"),
        CaptureScript.script(List.of(), true, "t"), CaptureScript.script(List.of(), false, "t"))) {
      Path f = tmp.resolve("c.sh");
      Files.writeString(f, s);
      for (String shell : List.of("sh", "dash", "bash")) {
        if (!onPath(shell)) continue;
        Process p = new ProcessBuilder(shell, "-n", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), shell + ": " + out);
      }
    }
  }

  @Test
  void badRegionsAreRefused() {
    assertThrows(BadInputException.class, () -> CaptureScript.script(List.of("us-east-1; rm -rf /"), false, "t"));
    assertThrows(BadInputException.class, () -> CaptureScript.script(List.of("us-east-1"), true, "t"));
  }

  @Test
  void aMarkerIsReadAsTheFailedCall(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("123456789012/eu-west-1"));
    Files.copy(Path.of("src/test/resources/scenarios/beanstalk-hardened/aws/describe-security-groups.json"),
        dir.resolve("describe-security-groups.json"));
    Files.writeString(dir.resolve("describe-db-instances.failed.json"), "{\"PosternFailedCall\": {\"Service\": \"rds\","
        + " \"Operation\": \"DescribeDbInstances\", \"About\": \"\", \"Command\": \"aws rds describe-db-instances\","
        + " \"Message\": \" An error occurred (AccessDenied) when calling the DescribeDBInstances operation: not allowed\"}}");
    Collection c = new AwsCliReader("").read(tmp);
    assertEquals(List.of(new CollectionError("rds", "eu-west-1", "123456789012", "DescribeDBInstances", "AccessDenied",
        "aws rds describe-db-instances failed: An error occurred (AccessDenied) when calling the DescribeDBInstances operation:"
            + " not allowed")), c.errors());

    Files.writeString(dir.resolve("x.failed.json"), "{\"PosternFailedCall\": {\"Service\": 1}}");
    BadInputException e = assertThrows(BadInputException.class, () -> new AwsCliReader("").read(tmp));
    assertTrue(e.oneLine().startsWith(dir.resolve("x.failed.json") + ": not a failed-call record"), e.oneLine());
  }

  static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) return true;
    }
    return false;
  }
}
