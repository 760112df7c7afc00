package dev.postern.cli;

import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/**
 * The width of the terminal that stdout is, asked of the terminal itself: {@code ioctl(1,
 * TIOCGWINSZ)} on POSIX, the console buffer on Windows, through JLine's JNI provider. No process
 * is started (no {@code stty}, no {@code tput}), nothing is read from or written to the terminal,
 * and no JLine {@code Terminal} is built (that would change the terminal's modes and install
 * signal handlers). Loading JLine's native library costs about 0.1 s of CPU, so it is asked only
 * when stdout is a terminal and a command that prints a table runs, and then in the background
 * while that command collects ({@link Lazy#start}); {@code --version}, {@code --help} and
 * redirected output never load it.
 */
final class TerminalWidth {
  private TerminalWidth() {}

  /**
   * JLine reports a native library it cannot load through java.util.logging; postern says nothing
   * of it. A holder: java.util.logging is loaded only when the width is asked.
   */
  private static final class Quiet {
    static final Logger JLINE = Logger.getLogger("org.jline");

    static {
      JLINE.setLevel(Level.OFF);
    }
  }

  /** The columns of the terminal on stdout; empty when stdout is no terminal or the library cannot tell. */
  static OptionalInt ofStdout() {
    try {
      Quiet.JLINE.getLevel(); // initialises the holder: its level OFF
      JniTerminalProvider jni = new JniTerminalProvider();
      if (!jni.isSystemStream(SystemStream.Output)) return OptionalInt.empty();
      int columns = jni.systemStreamWidth(SystemStream.Output);
      return columns > 0 ? OptionalInt.of(columns) : OptionalInt.empty();
    } catch (Exception | LinkageError e) {
      // No native library for this platform (or it could not be unpacked): COLUMNS decides.
      return OptionalInt.empty();
    }
  }

  /** No terminal on stdout: no width. (Classes, not lambdas: {@code --version} bootstraps none.) */
  static final Supplier<OptionalInt> NONE = new Supplier<>() {
    @Override
    public OptionalInt get() {
      return OptionalInt.empty();
    }
  };

  /** {@link #ofStdout} asked once: in the background from {@link #start}, else on first use. */
  static final class Lazy implements Supplier<OptionalInt> {
    private final FutureTask<OptionalInt> task = new FutureTask<>(new Callable<OptionalInt>() {
      @Override
      public OptionalInt call() {
        return ofStdout();
      }
    });

    void start() {
      Thread t = new Thread(task, "postern-terminal-width");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public OptionalInt get() {
      task.run(); // does nothing when it already ran or is running
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OptionalInt.empty();
      } catch (ExecutionException e) {
        return OptionalInt.empty();
      }
    }
  }
}
