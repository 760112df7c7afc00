package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell examples of docs/ci-and-tickets.md run as written, in order, in one folder, with
 * {@code java -jar target/postern.jar} standing for the classes under test.
 */
class DocsCommandsTest {
  static final Path DOC = Path.of("docs/ci-and-tickets.md");
  static final Pattern SH = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

  @Test
  void shellExamplesWork(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(ReportValidationTest.onPath("bash"), "bash is not installed");
    List<String> blocks = new ArrayList<>();
    Matcher m = SH.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    while (m.find()) blocks.add(m.group(1));
    assertEquals(3, blocks.size(), "the CI, nightly and ticketing examples");
    Path src = Files.createSymbolicLink(tmp.resolve("src"), Path.of("src").toAbsolutePath());
    try {
      runAll(tmp, blocks);
    } finally {
      Files.delete(src); // the link only: the project's sources stay
    }
  }

  static void runAll(Path tmp, List<String> blocks) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String postern = "\"" + java + "\" -cp \"" + System.getProperty("java.class.path") + "\" dev.postern.cli.Main";

    String ci = run(tmp, blocks.get(0), postern);
    assertTrue(ci.contains("baseline: 0 new, 14 existing, 0 resolved"), ci);
    assertTrue(ci.endsWith("exit 0\n"), ci);
    for (String f : List.of(".postern/baseline.json", "postern.sarif", "postern-junit.xml", "postern.md")) {
      assertTrue(Files.size(tmp.resolve(f)) > 0, f);
    }

    String nightly = run(tmp, blocks.get(1), postern);
    assertTrue(nightly.contains("0 new, 0 resolved, 10 still open (0 worse), 4 not rescanned"), nightly);

    Assumptions.assumeTrue(ReportValidationTest.onPath("jq"), "jq is not installed: ticketing example not run");
    String tickets = run(tmp, blocks.get(2), postern);
    assertTrue(tickets.contains("pf-18e485478bd4c83533a4\thigh\tsg-admin-port-open-to-internet\tsg-18b12974be05d304b\t"), tickets);
  }

  static String run(Path dir, String block, String postern) throws Exception {
    String script = block.replace("java -jar target/postern.jar", postern);
    Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
    assertEquals(0, p.exitValue(), block + "\n---\n" + out);
    assertFalse(out.contains("error:"), out);
    return out;
  }
}
