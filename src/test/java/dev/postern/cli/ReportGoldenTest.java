package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.postern.model.ScanResult;
import dev.postern.report.ReportFormat;
import dev.postern.report.ReportOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format, on the same three scenarios, against golden files in src/test/resources/golden.
 * After an intended change: {@code mvn -o test -Dtest=ReportGoldenTest -Dgolden.update=true}, then
 * review the diff of the golden files.
 */
class ReportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String s : Scenarios.NAMES) {
      for (ReportFormat f : ReportFormat.values()) out.add(Arguments.of(s, f));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void matchesGolden(String scenario, ReportFormat format, @TempDir Path tmp) throws IOException {
    ScanResult r = Scenarios.named(scenario, tmp);
    String actual = render(r, format);
    assertEquals(actual, render(Scenarios.named(scenario, tmp.resolve("again")), format), "same input, same bytes");
    Path golden = GOLDEN.resolve(scenario + "." + extension(format));
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden file " + golden);
  }

  static String render(ScanResult r, ReportFormat format) throws IOException {
    StringWriter w = new StringWriter();
    format.reporter().write(r, ReportOptions.plain(), w);
    return format == ReportFormat.HTML ? withoutVendored(w.toString()) : w.toString();
  }

  /** The HTML page without Tabulator's script and styles (470 KB, the WebJar's bytes, not postern's), each replaced by its name. */
  static String withoutVendored(String html) throws IOException {
    String root = "META-INF/resources/webjars/tabulator-tables/" + dev.postern.report.HtmlReporter.tabulatorVersion() + "/dist/";
    for (String vendored : List.of("js/tabulator.min.js", "css/tabulator.min.css")) {
      try (var in = ReportGoldenTest.class.getClassLoader().getResourceAsStream(root + vendored)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (!html.contains(text)) throw new AssertionError("the page does not inline " + vendored);
        html = html.replace(text, "/* " + vendored + " */");
      }
    }
    return html;
  }

  static String extension(ReportFormat f) {
    return switch (f) {
      case TABLE -> "table.txt";
      case MARKDOWN -> "md";
      case MARKDOWN_FULL -> "full.md";
      case JUNIT -> "junit.xml";
      case MERMAID -> "mmd";
      default -> f.id().toLowerCase(Locale.ROOT);
    };
  }
}
