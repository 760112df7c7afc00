package dev.postern.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The process's streams and environment, injected so that tests capture output. {@code stdoutTty}
 * and {@code stderrTty} decide colour and progress.
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> env, boolean stdoutTty, boolean stderrTty) {
  public static Console system() {
    boolean tty = System.console() != null;
    return new Console(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(), tty, tty);
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
