package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.postern.model.ScanResult;
import dev.postern.report.ReportFormat;
import dev.postern.report.ReportOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON report as written to a file (UTF-8 bytes, findings rendered without a generator) is the
 * golden file that {@link ReportGoldenTest} holds the writer's rendering to, on every scenario,
 * with and without PASS verdicts listed.
 */
class JsonBytesGoldenTest {
  static java.util.List<String> scenarios() {
    return Scenarios.NAMES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void bytesAreTheGolden(String scenario, @TempDir Path tmp) throws IOException {
    ScanResult r = Scenarios.named(scenario, tmp);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReportFormat.JSON.reporter().write(r, ReportOptions.plain(), bytes);
    Path golden = ReportGoldenTest.GOLDEN.resolve(scenario + ".json");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), bytes.toString(StandardCharsets.UTF_8), "golden file " + golden);
    ReportOptions withPass = new ReportOptions(true, false, 100);
    java.io.StringWriter text = new java.io.StringWriter();
    ReportFormat.JSON.reporter().write(r, withPass, text);
    bytes.reset();
    ReportFormat.JSON.reporter().write(r, withPass, bytes);
    assertEquals(text.toString(), bytes.toString(StandardCharsets.UTF_8), "with PASS listed");
  }
}
