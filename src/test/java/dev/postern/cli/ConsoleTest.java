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
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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

  @Test
  void widthIsTheTerminalsThenColumnsThenEighty() {
    PrintWriter w = new PrintWriter(new StringWriter());
    Supplier<OptionalInt> terminal = () -> OptionalInt.of(132);
    assertEquals(132, new Console(w, w, Map.of("COLUMNS", "90"), true, true, terminal).width(), "the terminal wins over COLUMNS");
    assertEquals(90, new Console(w, w, Map.of("COLUMNS", "90"), true, true, OptionalInt::empty).width(), "COLUMNS when the terminal cannot tell");
    assertEquals(90, new Console(w, w, Map.of("COLUMNS", "90"), false, true, terminal).width(), "stdout redirected: COLUMNS");
    assertEquals(80, new Console(w, w, Map.of(), false, true, terminal).width(), "then 80");
    assertEquals(80, new Console(w, w, Map.of("COLUMNS", "wide"), false, false).width(), "a COLUMNS that is no number is ignored");
    assertEquals(80, new Console(w, w, Map.of("COLUMNS", "-3"), false, false).width());
    assertEquals(Console.MIN_WIDTH, new Console(w, w, Map.of("COLUMNS", "12"), false, false).width(), "never narrower than the columns need");
  }

  @Test
  void theTerminalIsAskedOnlyWhenStdoutIsOne() {
    PrintWriter w = new PrintWriter(new StringWriter());
    AtomicInteger asked = new AtomicInteger();
    Supplier<OptionalInt> terminal = () -> {
      asked.incrementAndGet();
      return OptionalInt.of(100);
    };
    new Console(w, w, Map.of(), false, true, terminal).width();
    assertEquals(0, asked.get());
    new Console(w, w, Map.of(), true, true, terminal).width();
    assertEquals(1, asked.get());
  }

  /** Under surefire stdout is a pipe: JLine says it is no terminal, and neither hangs nor prints. */
  @Test
  void terminalWidthOfAPipeIsEmpty() {
    assertEquals(OptionalInt.empty(), TerminalWidth.ofStdout());
  }

  @Test
  void colorFlag() {
    Run always = Run.of("rules", "list", "--color=always");
    assertTrue(always.out().contains("\u001b[1;31mcritical"), always.out());
    Run auto = Run.of("rules", "list");
    assertFalse(auto.out().contains("\u001b["), "auto: not a terminal");
    Run never = Run.withEnv(Map.of("NO_COLOR", ""), "scan", "--demo", "--color=NEVER");
    assertFalse(never.out().contains("\u001b["), never.out());
    Run scan = Run.of("scan", "--demo", "--color", "always");
    assertTrue(scan.out().contains("\u001b[1;31mcritical"), "--color=always wins over NO_COLOR");
    Run diffBad = Run.of("explain", "--demo", "sg-6adda7717c7bf8673", "--color=sometimes");
    assertEquals(2, diffBad.exit(), diffBad.err());
  }
}
