package dev.postern.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A plain {@code java -jar postern.jar scan --from-aws-cli DIR} on a large capture runs postern
 * again in a JVM set up as {@code bin/postern} sets it (the C1 compiler only, the parallel
 * collector with a small young generation whose survivors are promoted at once, transparent huge
 * pages): the JVM's defaults spend more time compiling and growing the heap than reading a large
 * account takes. Only when the JVM was started with no options at all (the launcher, or a user who
 * chose their own, are left alone) and the input holds more than {@link #LARGE_BYTES}; a small
 * input is not worth a second JVM start.
 */
final class Relaunch {
  private Relaunch() {}

  static final long LARGE_BYTES = 16L << 20;

  /** The launcher's settings for large files (bin/postern). */
  static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-Xms1500m", "-Xmn160m",
      "-XX:MaxTenuringThreshold=0", "-XX:+UseTransparentHugePages", "-Xlog:disable", "-Xlog:all=error:stderr");

  /** The exit status of postern run again in a tuned JVM, or empty when this JVM should do the work. */
  static Optional<Integer> ifWorthIt(String[] args) {
    if ("0".equals(System.getenv("POSTERN_RELAUNCH"))) return Optional.empty();
    Optional<Path> input = offlineInput(args);
    if (input.isEmpty() || !larger(input.get(), LARGE_BYTES)) return Optional.empty();
    if (!java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty()) return Optional.empty();
    Optional<String> java = ProcessHandle.current().info().command();
    Path jar;
    try {
      jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
    if (java.isEmpty() || !Files.isRegularFile(jar)) return Optional.empty();
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.addAll(JVM);
    command.add("-cp");
    command.add(jar.toString());
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      return Optional.of(p.waitFor());
    } catch (IOException e) {
      return Optional.empty(); // could not start it: this JVM does the work
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(ExitCode.ERROR.code);
    }
  }

  /** The folder or file of {@code scan --from-aws-cli X} or {@code --from-snapshot X}, if the command is one. */
  static Optional<Path> offlineInput(String[] args) {
    boolean scan = false;
    Path input = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("scan")) scan = true;
      for (String flag : new String[] {"--from-aws-cli", "--from-snapshot"}) {
        if (a.equals(flag) && i + 1 < args.length) input = Path.of(args[i + 1]);
        else if (a.startsWith(flag + "=")) input = Path.of(a.substring(flag.length() + 1));
      }
    }
    return scan && input != null ? Optional.of(input) : Optional.empty();
  }

  /** True when the files under {@code input} hold more than {@code bytes} (counted until it is known). */
  static boolean larger(Path input, long bytes) {
    // Captures are often links (to a dated folder, say): followed, as the reader follows them.
    try (Stream<Path> files = Files.walk(input, 4, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      long sum = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) sum += Files.size(f);
        if (sum > bytes) return true;
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
