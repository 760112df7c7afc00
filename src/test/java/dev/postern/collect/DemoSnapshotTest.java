package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded demo snapshot is the four reference scenarios, each moved to a region of its own
 * so that they sit side by side in one account. This test rebuilds it from the captures in the
 * repository (and their network ACLs and gateways) and fails when the committed file differs; run it with
 * {@code -Dpostern.writeDemo=true} to write it anew.
 */
class DemoSnapshotTest {
  static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
  static final Path DEMO = Path.of("src/main/resources/postern/demo/demo-snapshot.json");
  static final Map<String, String> REGIONS = new LinkedHashMap<>();

  static {
    REGIONS.put("beanstalk-default-insecure", "us-east-1");
    REGIONS.put("vprofile", "us-east-2");
    REGIONS.put("ielts", "eu-west-1");
    REGIONS.put("beanstalk-hardened", "eu-central-1");
  }

  @TempDir Path tmp;

  @Test
  void demoSnapshotIsTheReferenceScenarios() throws IOException {
    for (Map.Entry<String, String> e : REGIONS.entrySet()) {
      Path target = tmp.resolve(e.getValue());
      Files.createDirectories(target);
      // aws/: the captures the reference scenarios are judged on; network/: their network ACLs and
      // gateways (AWS's defaults for their VPCs), so that the demo's exposure findings print hop lists.
      for (String part : java.util.List.of("aws", "network")) {
        Path dir = SCENARIOS.resolve(e.getKey()).resolve(part);
        if (!Files.isDirectory(dir)) continue;
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.sorted().toList()) {
            String text = Files.readString(f).replace("us-east-1", e.getValue());
            Files.writeString(target.resolve(f.getFileName()), text);
          }
        }
      }
    }
    Collection c = new AwsCliReader("").read(tmp);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotIo.write(c, out);
    String fresh = out.toString(StandardCharsets.UTF_8);
    if (Boolean.getBoolean("postern.writeDemo")) {
      Files.writeString(DEMO, fresh);
    }
    assertEquals(fresh, Files.readString(DEMO), "demo snapshot is stale: rerun with -Dpostern.writeDemo=true");
  }
}
