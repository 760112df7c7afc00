package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot file is read from its skeleton and its outputs found by a scan of its bytes; that
 * reading must give what the plain one-response-after-the-other reading gives, whatever the
 * layout, and whatever the strings hold (quotes, braces, the word "output").
 */
class SnapshotLayoutTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"vprofile", "ielts", "beanstalk-default-insecure"})
  void everyLayoutReadsAsTheSequentialReading(String scenario) throws IOException {
    Collection collected = new AwsCliReader("us-east-1").read(Path.of("src/test/resources/scenarios/" + scenario + "/aws"));
    Path compact = tmp.resolve("compact.json");
    SnapshotIo.write(collected, compact);
    String written = Files.readString(compact);
    JsonNode tree = JSON.readTree(written);
    int responses = 0;
    for (JsonNode sc : tree.path("scopes")) responses += sc.path("responses").size();
    assertEquals(responses, SnapshotIo.Outputs.find(compact).orElseThrow().ranges.size(), "every output found");

    // Strings that would mislead a scan that did not follow them.
    ObjectNode first = (ObjectNode) tree.path("scopes").get(0).path("responses").get(0);
    first.put("subject-note", "}]{\"output\":{\"x\":[\\");
    ((ObjectNode) first.path("output")).put("Note", "\"output\": { [ ] } \\\" \n\t");
    Path pretty = Files.writeString(tmp.resolve("pretty.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    Path oneLine = Files.writeString(tmp.resolve("one.json"), JSON.writeValueAsString(tree));
    for (Path p : new Path[] {compact, pretty, oneLine}) {
      assertEquals(responses, SnapshotIo.Outputs.find(p).orElseThrow().ranges.size(), p.toString());
      assertEquals(sequential(p), rewritten(SnapshotIo.read(p)), p.toString());
    }
    assertEquals(written, rewritten(SnapshotIo.read(pretty)), "an indented snapshot holds what the compact one does");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"format\":\"postern-snapshot\",\"scopes\":[]}", "[1,2]", "{\"scopes\":[{\"responses\":[{\"output\":[]}]}]}",
      "{\"scopes\":[{\"responses\":[{\"output\":{\"a\":1}}]}", "{\"scopes\":[{\"resp\\u006fnses\":[{\"output\":{}}]}]}"})
  void whatHasNoOutputsToFindIsLeftToTheParser(String text) throws IOException {
    Path p = Files.writeString(tmp.resolve("x.json"), text);
    assertTrue(SnapshotIo.Outputs.find(p).isEmpty(), text);
  }

  private static String sequential(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return rewritten(SnapshotIo.read(in, p.toString()));
    }
  }

  private static String rewritten(Collection c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotIo.write(c, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
