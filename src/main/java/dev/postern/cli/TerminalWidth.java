package dev.postern.cli;

import java.util.OptionalInt;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/**
 * The width of the terminal that stdout is, asked of the terminal itself: {@code ioctl(1,
 * TIOCGWINSZ)} on POSIX, the console buffer on Windows, through JLine's JNI provider. No process
 * is started (no {@code stty}, no {@code tput}), nothing is read from or written to the terminal,
 * and no JLine {@code Terminal} is built (that would change the terminal's modes and install
 * signal handlers). Called only when stdout is already known to be a terminal and a table is about
 * to be printed, so {@code --version}, {@code --help} and redirected output never load it.
 */
final class TerminalWidth {
  private TerminalWidth() {}

  /** The columns of the terminal on stdout; empty when stdout is no terminal or the library cannot tell. */
  static OptionalInt ofStdout() {
    try {
      JniTerminalProvider jni = new JniTerminalProvider();
      if (!jni.isSystemStream(SystemStream.Output)) return OptionalInt.empty();
      int columns = jni.systemStreamWidth(SystemStream.Output);
      return columns > 0 ? OptionalInt.of(columns) : OptionalInt.empty();
    } catch (Exception | LinkageError e) {
      // No native library for this platform (or it could not be unpacked): fall back to COLUMNS.
      return OptionalInt.empty();
    }
  }
}
