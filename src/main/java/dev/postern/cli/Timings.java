package dev.postern.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase durations for {@code --timings} (a benchmarking aid): printed to stderr at the end; with
 * {@code -v} also each phase as it ends.
 */
final class Timings {
  private final boolean on;
  private final PrintWriter live;
  private final List<String> marks = new ArrayList<>();
  private long last = System.nanoTime();

  Timings(boolean on) {
    this(on, null);
  }

  /** @param live where each phase is told as it ends ({@code -v}), or null */
  Timings(boolean on, PrintWriter live) {
    this.on = on;
    this.live = live;
    if (on) {
      // From the JVM's start (its own start-up and the command line's parsing). Not the process's
      // start time: Linux gives that against a boot time known to the second only.
      marks.add(String.format("startup %d ms", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()));
    }
  }

  void mark(String phase) {
    if (!on) return;
    long now = System.nanoTime();
    marks.add(String.format("%s %d ms", phase, (now - last) / 1_000_000));
    if (live != null) {
      live.println("postern: " + phase + " done in " + (now - last) / 1_000_000 + " ms");
      live.flush();
    }
    last = now;
  }

  void print(PrintWriter err) {
    if (on) err.println("timings: " + String.join(", ", marks));
  }
}
