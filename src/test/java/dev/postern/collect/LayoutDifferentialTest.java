package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.model.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: every input postern is tested on (the reference scenarios, the schema-1 baseline
 * capture, and a small benchmark account when python3 is there), re-serialised in every layout
 * users' tools write — compact, 2- and 4-space indentation, tabs with CRLF and a byte-order mark,
 * keys in reverse order — and read in small parts, gives the same model as the original read whole.
 */
class LayoutDifferentialTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  long savedSplit;
  long savedChunk;
  long savedPart;

  @BeforeEach
  void save() {
    savedSplit = AwsCliReader.splitFileBytes;
    savedChunk = AwsCliReader.chunkFileBytes;
    savedPart = AwsCliReader.partBytes;
  }

  @AfterEach
  void restore() {
    AwsCliReader.splitFileBytes = savedSplit;
    AwsCliReader.chunkFileBytes = savedChunk;
    AwsCliReader.partBytes = savedPart;
  }

  enum Layout {
    COMPACT, INDENT2, INDENT4, TABS_CRLF_BOM, REVERSED_KEYS_COMPACT;

    String write(JsonNode doc) throws IOException {
      return switch (this) {
        case COMPACT -> JSON.writeValueAsString(doc);
        case INDENT2 -> JSON.writer(printer("  ", "\n")).writeValueAsString(doc);
        case INDENT4 -> JSON.writer(printer("    ", "\n")).writeValueAsString(doc) + "\n";
        case TABS_CRLF_BOM -> "\uFEFF" + JSON.writer(printer("\t", "\r\n")).writeValueAsString(doc) + "\r\n";
        case REVERSED_KEYS_COMPACT -> JSON.writeValueAsString(reversed(doc));
      };
    }

    private static DefaultPrettyPrinter printer(String indent, String eol) {
      DefaultIndenter i = new DefaultIndenter(indent, eol);
      return new DefaultPrettyPrinter().withObjectIndenter(i).withArrayIndenter(i);
    }

    private static JsonNode reversed(JsonNode n) {
      if (n.isObject()) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        n.fields().forEachRemaining(fields::add);
        Collections.reverse(fields);
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> e : fields) o.set(e.getKey(), reversed(e.getValue()));
        return o;
      }
      if (n.isArray()) {
        ArrayNode a = JSON.createArrayNode();
        n.forEach(x -> a.add(reversed(x)));
        return a;
      }
      return n;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyInputInEveryLayoutReadsAsTheOriginal() throws IOException, InterruptedException {
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/scenarios"))) {
      s.filter(p -> Files.isDirectory(p.resolve("aws"))).sorted().forEach(p -> inputs.add(p.resolve("aws")));
    }
    inputs.add(Path.of("src/test/resources/baseline-v1/aws"));
    Path bench = benchAccount();
    if (bench != null) inputs.add(bench);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path input : inputs) {
      for (Layout layout : Layout.values()) {
        tests.add(DynamicTest.dynamicTest(input + " as " + layout, () -> sameModel(input, layout)));
      }
    }
    return tests.stream();
  }

  /**
   * A snapshot file is read on every core (groups straight into the model, the rest through the
   * SDK's field metadata): the same model as the snapshot read one response after the other.
   */
  @TestFactory
  Stream<DynamicTest> aSnapshotFileReadsAsWhenReadResponseByResponse() throws IOException, InterruptedException {
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/scenarios"))) {
      s.filter(p -> Files.isDirectory(p.resolve("aws"))).sorted().forEach(p -> inputs.add(p.resolve("aws")));
    }
    Path bench = benchAccount();
    if (bench != null) inputs.add(bench);
    return inputs.stream().map(input -> DynamicTest.dynamicTest(input.toString(), () -> {
      AwsCliReader.splitFileBytes = 0;
      AwsCliReader.chunkFileBytes = 0;
      AwsCliReader.partBytes = 2000; // several group responses in the snapshot
      Path snap = tmp.resolve("snap-" + Math.abs(input.hashCode()) + ".json");
      SnapshotIo.write(new AwsCliReader("us-east-1").read(input), snap);
      restore();
      Inventory parallel = InventoryAssembler.assemble(SnapshotIo.read(snap));
      Inventory sequential;
      try (var in = Files.newInputStream(snap)) {
        sequential = InventoryAssembler.assemble(SnapshotIo.read(in, snap.toString()));
      }
      assertEquals(sequential, parallel);
      assertEquals(whole(input), parallel);
    }));
  }

  /** A small account from bench/generate.py (odd strings, several CIDRs, prefix lists), or null without python3. */
  private Path benchAccount() throws IOException, InterruptedException {
    Path out = tmp.resolve("bench");
    try {
      Process p = new ProcessBuilder("python3", "bench/generate.py", out.toString(), "--scale", "0.003", "--layout", "indent1")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor() == 0 ? out.resolve("us-east-1") : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void sameModel(Path input, Layout layout) throws IOException {
    Inventory original = whole(input);
    Path copy = Files.createDirectories(tmp.resolve(layout.name()).resolve(input.getFileName() + "-" + Math.abs(input.hashCode())));
    try (Stream<Path> files = Files.list(input)) {
      for (Path f : files.sorted().toList()) {
        byte[] bytes = Files.readAllBytes(f);
        if (f.toString().endsWith(".json")) {
          bytes = layout.write(JSON.readTree(bytes)).getBytes(StandardCharsets.UTF_8);
        }
        Files.write(copy.resolve(f.getFileName()), bytes);
      }
    }
    Path groups = copy.resolve(input.resolve("describe-security-groups.json").toFile().exists() ? "describe-security-groups.json" : "security-groups.json");
    if (Files.exists(groups) && JSON.readTree(groups.toFile()).path("SecurityGroups").size() > 2) {
      // Cut without a scan, into parts of a few elements, whatever the layout.
      var parts = ElementScanner.split(groups, "SecurityGroups", 400);
      assertTrue(parts.isPresent() && parts.get().size() > 1, layout + ": " + groups + " is cut into parts");
    }
    AwsCliReader.splitFileBytes = 0;
    AwsCliReader.chunkFileBytes = 0;
    AwsCliReader.partBytes = 400;
    Inventory parts = read(copy);
    assertEquals(original, parts, layout + " of " + input);
  }

  private static Inventory read(Path dir) {
    return InventoryAssembler.assemble(new AwsCliReader("us-east-1").read(dir));
  }

  private Inventory whole(Path dir) {
    AwsCliReader.splitFileBytes = Long.MAX_VALUE;
    AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
    try {
      return read(dir);
    } finally {
      restore();
    }
  }
}
