package dev.postern.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.model.BaselineState;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A large findings array is rendered in parallel chunks: the bytes are those of the plain, in-line rendering. */
class JsonReporterChunksTest {
  private static final Scope SCOPE = new Scope("123456789012", "eu-west-1");
  private static final RuleInfo RULE = new RuleInfo("SG-001", "sg-db-port-open-to-internet", "DB port open", Severity.CRITICAL,
      "ec2", "security-group", "ingress-from-internet", "d", "remove the rule \"now\"", List.of("https://x"), List.of("FSBP EC2.19"));

  @ParameterizedTest(name = "{0} findings")
  @ValueSource(ints = {0, 1, JsonReporter.CHUNK, JsonReporter.CHUNK + 1, 3 * JsonReporter.CHUNK + 7, 9 * JsonReporter.CHUNK + 1})
  void chunkedBytesEqualInLine(int count) throws IOException {
    ScanResult r = result(count);
    for (boolean showPass : new boolean[] {false, true}) {
      ReportOptions o = new ReportOptions(showPass, false, 100);
      StringWriter inLine = new StringWriter();
      new JsonReporter().write(r, o, inLine);
      ByteArrayOutputStream chunked = new ByteArrayOutputStream();
      new JsonReporter().write(r, o, chunked);
      assertEquals(inLine.toString(), chunked.toString(StandardCharsets.UTF_8), "showPass " + showPass);
      JsonNode json = new ObjectMapper().readTree(chunked.toByteArray());
      List<Finding> listed = r.findings().stream().filter(f -> showPass || f.status() != Status.PASS).toList();
      assertEquals(listed.size(), json.get("findings").size());
      if (!listed.isEmpty()) assertEquals(listed.get(listed.size() - 1).id(), json.get("findings").get(listed.size() - 1).get("id").asText());
    }
  }

  @ParameterizedTest(name = "{0} findings")
  @ValueSource(ints = {JsonReporter.CHUNK * 2 + 3})
  void everyFindingOnceInOrder(int count) throws IOException {
    ScanResult r = result(count);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReporter().write(r, new ReportOptions(true, false, 100), out);
    JsonNode findings = new ObjectMapper().readTree(out.toByteArray()).get("findings");
    List<String> ids = new ArrayList<>();
    findings.forEach(f -> ids.add(f.get("id").asText()));
    assertEquals(r.findings().stream().map(Finding::id).toList(), ids);
    assertTrue(findings.get(5).get("message").asText().contains("é→"), "non-ASCII text survives");
  }

  /** Findings of every shape the reporter writes: plain, suppressed, with a baseline state, PASS, UNKNOWN. */
  private static ScanResult result(int count) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ResourceRef ref = new ResourceRef("security-group", "sg-" + i, "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-" + i,
          "name-é→" + i, SCOPE);
      Status status = switch (i % 5) {
        case 0 -> Status.PASS;
        case 1 -> Status.UNKNOWN;
        default -> Status.FAIL;
      };
      Finding f = new Finding(String.format("pf-%020d", i), RULE, Severity.CRITICAL, status, ref, "message é→ " + i,
          List.of(new Evidence("tcp/3306", "message é→ " + i, Severity.CRITICAL,
              i % 3 == 0 ? List.of("aws ec2 revoke-security-group-ingress --group-id sg-" + i) : List.of())));
      if (i % 7 == 2) {
        f = f.suppressedBy(new Suppression("sg-*", "sg-" + i, "accepted", LocalDate.of(2030, 1, 1), "team", "T-1", "s.yaml:1", false));
      }
      if (i % 4 == 3) f = f.withBaseline(BaselineState.NEW);
      findings.add(f);
    }
    return new ScanResult("0.1.0", List.of(SCOPE), findings, List.of(), 1);
  }
}
