package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a plain {@code java -jar} runs postern again with the launcher's settings: an offline scan of a large capture. */
class RelaunchTest {
  @TempDir Path tmp;

  @Test
  void onlyAnOfflineScanNamesItsInput() {
    assertEquals(Optional.of(Path.of("cap")), Relaunch.offlineInput(new String[] {"scan", "--from-aws-cli", "cap", "-o", "json=x"}));
    assertEquals(Optional.of(Path.of("s.json")), Relaunch.offlineInput(new String[] {"scan", "--from-snapshot=s.json"}));
    assertEquals(Optional.empty(), Relaunch.offlineInput(new String[] {"scan", "--region", "us-east-1"}));
    assertEquals(Optional.empty(), Relaunch.offlineInput(new String[] {"--version"}));
    assertEquals(Optional.empty(), Relaunch.offlineInput(new String[] {"diff", "--from-aws-cli", "cap"}));
  }

  @Test
  void theCaptureIsSizedThroughLinks() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real/us-east-1"));
    Files.write(real.resolve("security-groups.json"), new byte[3000]);
    Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
    assertTrue(Relaunch.larger(link, 2000));
    assertTrue(Relaunch.larger(tmp.resolve("real"), 2000));
    assertFalse(Relaunch.larger(link, 4000));
    assertFalse(Relaunch.larger(tmp.resolve("missing"), 0));
  }
}
