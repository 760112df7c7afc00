package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.report.TextLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process: scan, rules list, diff and explain keep within the console's width (80 when nothing tells one). */
class TableWidthTest {
  static void fits(String out, int width) {
    assertTrue(!out.isBlank());
    out.lines().forEach(l -> assertTrue(TextLayout.width(l) <= width, "wider than " + width + ": " + l + "\n\n" + out));
  }

  @Test
  void scanAtSixtyAndEighty() {
    for (int w : List.of(60, 80)) fits(Run.withEnv(Map.of("COLUMNS", Integer.toString(w)), "scan", "--demo", "--show-pass").out(), w);
    fits(Run.of("scan", "--demo").out(), 80);
  }

  @Test
  void rulesListWrapsTitlesUnderTheirColumn() {
    String out = Run.of("rules", "list").out();
    fits(out, 80);
    assertTrue(out.contains("trust-datastore-reachable-from-edge "), "rule names are never shortened at 80 columns:\n" + out);
    assertTrue(!out.contains("…"), out);
    List<String> lines = out.lines().toList();
    int title = lines.get(0).indexOf("TITLE");
    assertTrue(title > 0, lines.get(0));
    assertTrue(lines.stream().skip(1).anyMatch(l -> l.startsWith(" ".repeat(title)) && !l.isBlank()), "a title wrapped beneath itself:\n" + out);
    String wide = Run.withEnv(Map.of("COLUMNS", "200"), "rules", "list").out();
    assertTrue(wide.lines().count() < lines.size(), "at 200 columns titles need no wrapping");
  }

  @Test
  void diffFits(@TempDir Path dir) {
    Path old = dir.resolve("old.json");
    Path now = dir.resolve("new.json");
    Run.of("scan", "--from-aws-cli", "src/test/resources/scenarios/beanstalk-hardened/aws", "-o", "json=" + old);
    Run.of("scan", "--demo", "-o", "json=" + now);
    Run d = Run.of("diff", old.toString(), now.toString());
    assertTrue(d.out().contains("New ("), d.out());
    assertTrue(d.out().contains("  SEVERITY  RULE"), d.out());
    fits(d.out(), 80);
  }
}
