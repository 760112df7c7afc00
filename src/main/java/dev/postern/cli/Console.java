package dev.postern.cli;

import dev.postern.collect.Redactor;
import dev.postern.model.ControlChars;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The process's streams and environment, injected so that tests capture output. {@code stdoutTty}
 * and {@code stderrTty} decide colour and progress; {@code terminalWidth} tells the columns of the
 * terminal on stdout (empty when it cannot), asked only when a table is printed.
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> env, boolean stdoutTty, boolean stderrTty,
    Supplier<OptionalInt> terminalWidth) {
  /** The width a table takes when neither the terminal nor {@code COLUMNS} tells one. */
  static final int DEFAULT_WIDTH = 80;
  /** Narrower than this, the columns cannot hold a severity, a rule name and some of a resource. */
  static final int MIN_WIDTH = 40;

  /** A console whose stdout terminal, if any, tells no width (tests: {@code COLUMNS} or 80 decides). */
  public Console(PrintWriter out, PrintWriter err, Map<String, String> env, boolean stdoutTty, boolean stderrTty) {
    this(out, err, env, stdoutTty, stderrTty, OptionalInt::empty);
  }

  public static Console system() {
    return system(false);
  }

  /**
   * The process's console; with {@code widthSoon}, the width of a terminal stdout is asked in the
   * background at once (a table will be printed, and collection gives the time).
   */
  public static Console system(boolean widthSoon) {
    boolean console = System.console() != null;
    boolean stdoutTty = isTerminal(1).orElse(console);
    Supplier<OptionalInt> width = TerminalWidth.NONE;
    if (stdoutTty) {
      TerminalWidth.Lazy lazy = new TerminalWidth.Lazy();
      if (widthSoon) lazy.start();
      width = lazy;
    }
    return new Console(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(), stdoutTty, isTerminal(2).orElse(console), width);
  }

  /**
   * Whether file descriptor {@code fd} is a terminal, where the OS tells (Linux's /proc): Java's
   * own test, System.console(), needs stdin and stdout both on a terminal, so {@code scan > report}
   * would hide the progress that stderr, still a terminal, should show.
   */
  static Optional<Boolean> isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * A line that holds resource data (an error or warning quoting a file, an explain line) as the
   * terminal may show it: secrets with a recognisable shape removed, control and bidi characters
   * shown escaped rather than obeyed.
   */
  public static String safe(String line) {
    return ControlChars.oneLine(Redactor.scrub(line));
  }

  /** {@code --color=auto}: stdout is a terminal, {@code NO_COLOR} is unset or empty, and {@code TERM} is not dumb. */
  public boolean colorAllowed() {
    String noColor = env.get("NO_COLOR");
    return stdoutTty && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }

  /**
   * The columns a table on stdout may take: what the terminal says (when stdout is one), else
   * {@code COLUMNS}, else 80; never fewer than {@link #MIN_WIDTH}.
   */
  public int width() {
    OptionalInt terminal = stdoutTty ? terminalWidth.get() : OptionalInt.empty();
    if (terminal.isPresent()) return Math.max(MIN_WIDTH, terminal.getAsInt());
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      if (columns > 0) return Math.max(MIN_WIDTH, columns);
    } catch (NumberFormatException e) {
      // not a number: as if unset
    }
    return DEFAULT_WIDTH;
  }
}
