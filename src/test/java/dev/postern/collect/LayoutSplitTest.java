package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.model.BadInputException;
import dev.postern.model.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large security-group file cut into parts at elements found from its structure near each cut
 * point (not from its layout) reads exactly as when read whole or scanned; a cut that only looks
 * right is refused or the file read whole, never read wrong.
 */
class LayoutSplitTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/beanstalk-default-insecure/aws");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  long savedSplit;
  long savedPart;

  @BeforeEach
  void smallParts() {
    savedSplit = AwsCliReader.splitFileBytes;
    savedPart = AwsCliReader.partBytes;
    AwsCliReader.splitFileBytes = 0;
    AwsCliReader.partBytes = 200;
  }

  @AfterEach
  void restore() {
    AwsCliReader.splitFileBytes = savedSplit;
    AwsCliReader.partBytes = savedPart;
  }

  private static Inventory read(Path file) {
    return InventoryAssembler.assemble(new AwsCliReader("us-east-1").read(file.getParent()));
  }

  /** Read neither split nor scanned in parts: the reference. */
  private static Inventory readWhole(Path file) {
    long split = AwsCliReader.splitFileBytes;
    long chunk = AwsCliReader.chunkFileBytes;
    AwsCliReader.splitFileBytes = Long.MAX_VALUE;
    AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
    try {
      return read(file);
    } finally {
      AwsCliReader.splitFileBytes = split;
      AwsCliReader.chunkFileBytes = chunk;
    }
  }

  /** The scenario's groups, repeated with fresh ids so that the file has many elements. */
  private Path groups(String indentedOrMinified) throws IOException {
    JsonNode doc = JSON.readTree(SCENARIO.resolve("describe-security-groups.json").toFile());
    ArrayNode all = JSON.createArrayNode();
    for (int copy = 0; copy < 5; copy++) {
      for (JsonNode g : doc.get("SecurityGroups")) {
        ObjectNode c = g.deepCopy();
        c.put("GroupId", g.get("GroupId").asText() + "-" + copy);
        c.put("Description", "a \"}]{[\\ description\nwith a line break");
        all.add(c);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("SecurityGroups", all);
    // Indented as the AWS CLI does: every array element on a line of its own.
    var cli = new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
        .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    String text = indentedOrMinified.equals("minified") ? JSON.writeValueAsString(out) : JSON.writer(cli).writeValueAsString(out);
    Path file = Files.createDirectories(tmp.resolve(indentedOrMinified)).resolve("sg.json");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void splitPartsHoldWholeElementsAndReadAsTheWholeFile() throws IOException {
    Path file = groups("indented");
    Optional<List<long[]>> parts = ElementScanner.split(file, "SecurityGroups", 200);
    assertTrue(parts.isPresent() && parts.get().size() > 3, "split in several parts");
    Optional<long[]> elements = ElementScanner.elements(file, "SecurityGroups");
    long[] e = elements.orElseThrow();
    // Every part starts at an element and ends where an element ends.
    for (long[] r : parts.get()) {
      boolean starts = false, ends = false;
      for (int i = 0; i < e.length; i += 2) {
        starts |= e[i] == r[0];
        ends |= e[i + 1] == r[1];
      }
      assertTrue(starts && ends, "part " + r[0] + ".." + r[1] + " is whole elements");
    }
    assertEquals(e[0], parts.get().get(0)[0]);
    assertEquals(e[e.length - 1], parts.get().get(parts.get().size() - 1)[1]);

    Inventory split = read(file);
    Inventory whole = readWhole(file);
    assertEquals(whole.securityGroups(), split.securityGroups());
    assertEquals(20, whole.securityGroups().size());
  }

  @Test
  void aMinifiedFileIsSplitFromItsStructureAndReadsAsTheWholeFile() throws IOException {
    Path file = groups("minified");
    Optional<List<long[]>> parts = ElementScanner.split(file, "SecurityGroups", 200);
    assertTrue(parts.isPresent() && parts.get().size() > 3, "split in several parts");
    long[] e = ElementScanner.elements(file, "SecurityGroups").orElseThrow();
    for (long[] r : parts.get()) {
      boolean starts = false, ends = false;
      for (int i = 0; i < e.length; i += 2) {
        starts |= e[i] == r[0];
        ends |= e[i + 1] == r[1];
      }
      assertTrue(starts && ends, "part " + r[0] + ".." + r[1] + " is whole elements");
    }
    assertEquals(readWhole(file).securityGroups(), read(file).securityGroups());
  }

  @Test
  void aKeyAfterTheArrayOrGarbageAfterTheDocumentIsNotSplit() throws IOException {
    Path file = groups("indented");
    String text = Files.readString(file);
    int end = text.lastIndexOf('}');
    Files.writeString(file, text.substring(0, end) + ", \"NextToken\": \"abc\"\n}\n");
    assertTrue(ElementScanner.split(file, "SecurityGroups", 200).isEmpty());
    Files.writeString(file, text + " x");
    assertTrue(ElementScanner.split(file, "SecurityGroups", 200).isEmpty());
  }

  @Test
  void aMissingCommaAtAPartBoundaryIsBadInputAsWhenReadWhole() throws IOException {
    Path file = groups("indented");
    List<long[]> parts = ElementScanner.split(file, "SecurityGroups", 200).orElseThrow();
    String text = Files.readString(file);
    // Remove the comma before the second part's first element.
    int at = (int) parts.get(1)[0];
    int comma = text.lastIndexOf(',', at);
    Files.writeString(file, text.substring(0, comma) + text.substring(comma + 1));
    // No cut is made where the comma is missing (no '}' ',' '{' there); the part holding it does not parse.
    assertTrue(ElementScanner.split(file, "SecurityGroups", 200).orElseThrow().stream().noneMatch(r -> r[0] == at - 1));
    BadInputException e = assertThrows(BadInputException.class, () -> read(file));
    assertTrue(e.oneLine().contains("sg.json"), e.oneLine());
  }

  @Test
  void aNestedObjectAtTheElementsIndentationIsReadCorrectly() throws IOException {
    // The second permission is written at the elements' indentation after "},": it looks like the
    // start of an element, but a scan from it leaves its array at once.
    String text = "{\n  \"SecurityGroups\": [\n    {\n      \"GroupId\": \"sg-1\",\n      \"IpPermissions\": [\n"
        + "        {\"IpProtocol\": \"tcp\", \"FromPort\": 1, \"ToPort\": 1},\n"
        + "    {\"IpProtocol\": \"tcp\", \"FromPort\": 2, \"ToPort\": 2}\n      ]\n    },\n"
        + "    {\n      \"GroupId\": \"sg-2\"\n    }\n  ]\n}\n";
    Path file = Files.createDirectories(tmp.resolve("odd")).resolve("sg.json");
    Files.writeString(file, text);
    long first = text.indexOf("    {") + 4;
    long fake = text.indexOf("    {\"IpProtocol\": \"tcp\", \"FromPort\": 2") + 4;
    AwsCliReader.partBytes = fake - 5 - first; // the search starts at the line break before it
    List<long[]> parts = ElementScanner.split(file, "SecurityGroups", AwsCliReader.partBytes).orElseThrow();
    assertTrue(parts.stream().noneMatch(r -> r[0] == fake), "the nested object is not taken for an element");

    Inventory split = read(file);
    Inventory whole = readWhole(file);
    assertEquals(whole.securityGroups(), split.securityGroups());
    assertEquals(List.of("sg-1", "sg-2"), split.securityGroups().stream().map(g -> g.id()).toList());
    assertEquals(2, split.securityGroups().get(0).ingress().size());
  }
}
