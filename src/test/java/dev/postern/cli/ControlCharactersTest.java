package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.report.ReportFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A security group whose name and Name tag hold terminal escapes (ESC[2J clears the screen, an OSC
 * sequence retitles the window), C1 controls and a bidi override: no text format may carry them raw,
 * JUnit must stay well-formed XML, JSON and SARIF keep the exact value in JSON's own escaping.
 */
class ControlCharactersTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/beanstalk-default-insecure/aws");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GROUP = "sg-18b12974be05d304b";
  static final String NAME = "app\u001b[2J\u001b]0;owned\u0007-\u009b31m-\u202Egnp.exe\u0000";
  static final String TAG = "web\u001b[31mred\u2066\u200b";

  @TempDir Path tmp;
  Path in;

  @BeforeEach
  void plant() throws IOException {
    in = Files.createDirectories(tmp.resolve("in"));
    try (Stream<Path> files = Files.list(SCENARIO)) {
      for (Path f : files.toList()) Files.copy(f, in.resolve(f.getFileName()));
    }
    Path sgFile = in.resolve("describe-security-groups.json");
    ObjectNode doc = (ObjectNode) JSON.readTree(sgFile.toFile());
    for (JsonNode g : doc.path("SecurityGroups")) {
      if (!g.path("GroupId").asText().equals(GROUP)) continue;
      ((ObjectNode) g).put("GroupName", NAME);
      for (JsonNode t : g.path("Tags")) if (t.path("Key").asText().equals("Name")) ((ObjectNode) t).put("Value", TAG);
      ((ArrayNode) g.path("Tags")).addObject().put("Key", "owner\u001b[8m").put("Value", "ops\u202e");
    }
    JSON.writeValue(sgFile.toFile(), doc);
  }

  @Test
  void noTextFormatCarriesAControlCharacter() throws Exception {
    List<String> args = new ArrayList<>(List.of("scan", "--from-aws-cli", in.toString(), "--show-pass", "-o", "table"));
    for (ReportFormat f : ReportFormat.values()) args.addAll(List.of("-o", f.id() + "=" + tmp.resolve("report." + f.id())));
    // Wide enough that the group's escaped name is not wrapped away from its id.
    Run r = Run.withEnv(java.util.Map.of("COLUMNS", "200"), args.toArray(String[]::new));
    assertEquals(4, r.exit(), r.err());
    assertTrue(r.out().contains(GROUP + " (app\\x1b[2J\\x1b]0;owned\\x07-\\x9b31m-\\u202egnp.exe\\x00)"), r.out());
    assertClean("table on stdout", r.out());
    assertClean("stderr", r.err());
    for (ReportFormat f : ReportFormat.values()) {
      String text = Files.readString(tmp.resolve("report." + f.id()), StandardCharsets.UTF_8);
      switch (f) {
        case JSON, SARIF -> {
          assertNoRawC0("report." + f.id(), text);
          assertTrue(JSON.readTree(text).toString().contains(JSON.writeValueAsString(NAME).replace("\"", "")),
              "the exact name, in JSON's escaping, in " + f.id());
        }
        case JUNIT -> {
          DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
          assertClean("report.junit", text);
        }
        default -> assertClean("report." + f.id(), text);
      }
    }
    String md = Files.readString(tmp.resolve("report.markdown"));
    assertTrue(md.contains("\\\\x1b[2J"), "Markdown shows the escape (its backslash escaped)");
    String dot = Files.readString(tmp.resolve("report.dot"));
    assertTrue(dot.contains("\\\\x1b[2J"), "DOT shows the escape (its backslash escaped)");
    assertTrue(Files.readString(tmp.resolve("report.mermaid")).contains("\\x1b[2J"), "Mermaid shows the escape");
  }

  @Test
  void explainAndErrorsCarryNoControlCharacter() {
    Run explain = Run.of("explain", GROUP, "--from-aws-cli", in.toString());
    assertEquals(0, explain.exit(), explain.err());
    assertTrue(explain.out().contains("\\x1b[2J"), explain.out());
    assertClean("explain", explain.out() + explain.err());

    Run error = Run.of("explain", "sg-\u001b[2Jmissing\u202e", "--from-aws-cli", in.toString());
    assertEquals(2, error.exit(), error.err());
    assertTrue(error.err().contains("sg-\\x1b[2Jmissing\\u202e"), error.err());
    assertClean("error", error.err());
  }

  /** Only printable characters, line feeds and (in JUnit's XML) nothing the terminal would act on. */
  static void assertClean(String where, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);
      int type = Character.getType(c);
      if (control || type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        fail(where + " holds U+" + String.format("%04X", (int) c) + " at " + i + ": "
            + text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 20)).replaceAll("\\p{Cntrl}|\\p{Cf}", "?"));
      }
    }
  }

  static void assertNoRawC0(String where, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 && text.charAt(i) != '\n') fail(where + " holds raw U+" + String.format("%04X", (int) text.charAt(i)));
    }
  }
}
