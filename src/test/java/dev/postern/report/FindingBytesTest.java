package dev.postern.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.BaselineState;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.Reachability;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import dev.postern.model.Suppression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The findings written without a generator ({@link FindingBytes}, the report to a file) are the
 * bytes Jackson's pretty printer writes (the report to a writer), whatever the strings hold:
 * quotes, backslashes, control characters, text outside ASCII, surrogate pairs and lone surrogates.
 */
class FindingBytesTest {
  /** Characters that each take another path through the encoder. */
  private static final String[] PIECES = {"a", "Z", "0", " ", "/", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001", "\u001f",
      "\u007f", "\u0080", "é", "\u07ff", "\u0800", "→", "\uffff", "sg-0a1b", "tcp/22 from 0.0.0.0/0", "{\"IpProtocol\":\"tcp\"}",
      // last: surrogates (a pair, lone ones)
      "😀", "\ud800", "\udfff"};
  private static final int SURROGATES = 3;

  @Test
  void asJacksonWritesToAWriter() throws IOException {
    ScanResult r = result(false);
    StringWriter jackson = new StringWriter();
    new JsonReporter().write(r, ReportOptions.plain(), jackson);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new JsonReporter().write(r, ReportOptions.plain(), bytes);
    assertEquals(jackson.toString(), bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * Surrogates too: Jackson's UTF-8 generator (which wrote reports to files before) escapes them,
   * its writer-based one does not; compared as bytes.
   */
  @Test
  void asJacksonWritesUtf8Bytes() throws IOException {
    ScanResult r = result(true);
    ByteArrayOutputStream jacksonBytes = new ByteArrayOutputStream();
    try (var g = JsonOutput.pretty(jacksonBytes)) {
      g.writeStartObject();
      g.writeArrayFieldStart("findings"); // the findings' depth in the report
      g.flush();
      jacksonBytes.reset();
      for (Finding f : r.findings()) JsonReporter.writeFinding(g, f);
      g.flush();
      jacksonBytes.write('|'); // what the generator closes after this is not the findings'
    }
    FindingBytes fast = new FindingBytes(16);
    for (Finding f : r.findings()) fast.finding(f);
    ByteArrayOutputStream fastBytes = new ByteArrayOutputStream();
    fast.writeTo(fastBytes);
    fastBytes.write('|');
    String expected = jacksonBytes.toString(StandardCharsets.ISO_8859_1);
    assertEquals(expected.substring(0, expected.indexOf("}|") + 2), fastBytes.toString(StandardCharsets.ISO_8859_1));
    assertTrue(expected.contains("\\uD83D\\uDE00"), "a surrogate pair was written");
  }

  private static ScanResult result(boolean surrogates) {
    Random random = new Random(16);
    int pieces = surrogates ? PIECES.length : PIECES.length - SURROGATES;
    List<RuleInfo> rules = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rules.add(new RuleInfo("R-" + i + text(random, pieces), "rule-" + i + text(random, pieces), text(random, pieces), Severity.values()[i % Severity.values().length],
          "ec2", "security-group", "check", text(random, pieces), text(random, pieces), strings(random, pieces, i % 3), strings(random, pieces, (i + 1) % 3)));
    }
    Scope scope = new Scope("123456789012", "eu-west-1");
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      ResourceRef ref = new ResourceRef("security-group", "sg-" + i + text(random, pieces), text(random, pieces), text(random, pieces),
          i % 9 == 0 ? new Scope(text(random, pieces), text(random, pieces)) : scope);
      List<Evidence> evidence = new ArrayList<>();
      for (int e = 0; e < i % 4; e++) {
        evidence.add(new Evidence(text(random, pieces), text(random, pieces), Severity.values()[random.nextInt(Severity.values().length)], strings(random, pieces, e)));
      }
      Optional<Reachability> reach = i % 3 == 0 ? Optional.empty()
          : Optional.of(new Reachability(Reachability.State.values()[i % Reachability.State.values().length], text(random, pieces), text(random, pieces)));
      Finding f = new Finding(String.format("pf-%020d", i), rules.get(i % rules.size()), Severity.values()[i % Severity.values().length],
          i % 5 == 0 ? Status.UNKNOWN : Status.FAIL, ref, text(random, pieces), evidence, Optional.empty(), Optional.empty(), reach);
      if (i % 7 == 2) {
        f = f.suppressedBy(new Suppression(text(random, pieces), text(random, pieces), text(random, pieces), LocalDate.of(2030, 1, 1 + i % 28), text(random, pieces),
            text(random, pieces), text(random, pieces), i % 2 == 0));
      }
      if (i % 4 == 3) f = f.withBaseline(BaselineState.values()[i % BaselineState.values().length]);
      findings.add(f);
    }
    return new ScanResult("0.1.0", List.of(scope), findings, List.of(), rules.size());
  }

  private static String text(Random random, int pieces) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) sb.append(PIECES[random.nextInt(pieces)]);
    return sb.toString();
  }

  private static List<String> strings(Random random, int pieces, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(text(random, pieces));
    return out;
  }
}
