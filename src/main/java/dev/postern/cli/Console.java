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

/**
 * The process's streams and environment, injected so that tests capture output. {@code stdoutTty}
 * and {@code stderrTty} decide colour and progress.
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> env, boolean stdoutTty, boolean stderrTty) {
  public static Console system() {
    boolean console = System.console() != null;
    return new Console(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(), isTerminal(1).orElse(console), isTerminal(2).orElse(console));
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

  public boolean colorAllowed() {
    String noColor = env.get("NO_COLOR");
    return stdoutTty && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }

  public int width() {
    try {
      return Integer.parseInt(env.getOrDefault("COLUMNS", "100"));
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
