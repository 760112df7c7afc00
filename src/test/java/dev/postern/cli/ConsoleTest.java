package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  @Test
  void aRedirectedStreamIsNotATerminal() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc on this system");
    assertEquals(Optional.of(false), Console.isTerminal(1), "surefire pipes the tests' stdout");
    assertEquals(Optional.empty(), Console.isTerminal(987), "an fd that is not open says nothing");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() {
    PrintWriter w = new PrintWriter(new StringWriter());
    assertTrue(new Console(w, w, Map.of(), true, true).colorAllowed());
    assertFalse(new Console(w, w, Map.of("NO_COLOR", "1"), true, true).colorAllowed());
    assertFalse(new Console(w, w, Map.of("TERM", "dumb"), true, true).colorAllowed());
    assertFalse(new Console(w, w, Map.of(), false, true).colorAllowed());
  }
}
