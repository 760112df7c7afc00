package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} builds, tested after it (the {@code integration-test} phase): the jar,
 * the tarball and zip, run from a symlink on PATH; the man pages and completions; under -Pdeb the
 * .deb, extracted and run with no Java on PATH.
 */
class DistributionIT {
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final String VERSION = System.getProperty("postern.version", "0.1.0");
  static final String TOP = "postern-" + VERSION + "/";

  @BeforeAll
  static void built() {
    assertTrue(Files.isRegularFile(TARGET.resolve("postern-" + VERSION + ".tar.gz")), "run after package");
  }

  @Test
  void jarHasNoNettyOrApacheHttpClient() throws IOException {
    List<String> found = new ArrayList<>();
    int classes = 0;
    try (ZipFile jar = new ZipFile(TARGET.resolve("postern.jar").toFile())) {
      for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class")) classes++;
        if (n.startsWith("io/netty/") || n.startsWith("org/apache/http/") || n.startsWith("org/apache/commons/")
            || n.startsWith("software/amazon/awssdk/http/nio/") || n.startsWith("software/amazon/awssdk/http/apache/")) {
          found.add(n);
        }
      }
      assertTrue(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class") != null);
      String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService"))
          .readAllBytes(), StandardCharsets.UTF_8);
      List<String> providers = services.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
      assertEquals(List.of("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService"), providers, services);
    }
    assertTrue(classes > 1000, "a shaded jar");
    assertEquals(List.of(), found.subList(0, Math.min(found.size(), 10)));
  }

  @Test
  void tarballAndZipHoldTheSameLayout() throws Exception {
    Set<String> expected = new TreeSet<>(List.of("bin/postern", "lib/postern.jar", "README.md", "LICENSE", "THIRD-PARTY.md",
        "completions/postern.bash", "completions/_postern", "completions/postern.fish", "man/man1/postern.1",
        "man/man1/postern-scan.1"));
    Set<String> tar = new TreeSet<>();
    for (String line : run(List.of("tar", "-tzvf", TARGET.resolve("postern-" + VERSION + ".tar.gz").toString()), Map.of(), null)
        .out().split("\n")) {
      String[] f = line.trim().split("\\s+");
      String name = f[f.length - 1];
      assertTrue(name.startsWith(TOP), name);
      if (name.endsWith("/")) continue;
      tar.add(name.substring(TOP.length()));
      if (name.equals(TOP + "bin/postern")) assertTrue(f[0].startsWith("-rwxr-xr-x"), line);
    }
    assertTrue(tar.containsAll(expected), tar.toString());
    Set<String> zip = new TreeSet<>();
    try (ZipFile z = new ZipFile(TARGET.resolve("postern-" + VERSION + ".zip").toFile())) {
      z.stream().filter(e -> !e.isDirectory()).forEach(e -> zip.add(e.getName().substring(TOP.length())));
    }
    assertEquals(tar, zip);
  }

  /** Unpacked anywhere, symlinked onto PATH: runs, records its class archive per user, reuses it. */
  @Test
  void tarballLauncherRunsFromASymlinkOnPath(@TempDir Path tmp) throws Exception {
    Path home = tmp.resolve("opt");
    Files.createDirectories(home);
    assertEquals(0, run(List.of("tar", "-xzf", TARGET.resolve("postern-" + VERSION + ".tar.gz").toString(), "-C", home.toString()),
        Map.of(), null).code());
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    // A chain, relative and absolute: PATH -> ../links/postern -> the unpacked bin/postern.
    Path links = Files.createDirectories(tmp.resolve("links"));
    Files.createSymbolicLink(links.resolve("postern"), home.resolve(TOP + "bin/postern"));
    Files.createSymbolicLink(bin.resolve("postern"), Path.of("../links/postern"));
    Path cache = tmp.resolve("cache");
    Map<String, String> env = Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"), "XDG_CACHE_HOME", cache.toString());

    Result version = run(List.of("sh", "-c", "postern --version"), env, tmp.toFile());
    assertEquals(0, version.code(), version.err());
    assertEquals("postern " + VERSION + "\n", version.out());

    for (int i = 0; i < 2; i++) {
      Result demo = run(List.of("sh", "-c", "postern scan --demo"), env, tmp.toFile());
      assertEquals(4, demo.code(), demo.err());
      assertTrue(demo.out().contains(" FAIL (3 critical, 6 high"), demo.out());
      assertEquals("", demo.err());
    }
    try (Stream<Path> archives = Files.list(cache.resolve("postern"))) {
      List<String> names = archives.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).matches(VERSION.replace(".", "\\.") + "-\\d+\\.jsa"), names.toString());
    }
  }

  @Test
  void manPagesAreTroffAndTheMainOneListsScan() throws IOException {
    Path man = TARGET.resolve("dist/man/man1");
    String main = Files.readString(man.resolve("postern.1"));
    assertTrue(main.contains(".TH \"POSTERN\" \"1\""), main.substring(0, Math.min(400, main.length())));
    assertTrue(main.contains("scan"), "the commands section names scan");
    assertTrue(main.contains("iam\\-policy") || main.contains("iam-policy"), "every subcommand");
    String scan = Files.readString(man.resolve("postern-scan.1"));
    for (String option : new String[] {"from\\-aws\\-cli", "fail\\-on", "demo"}) {
      assertTrue(scan.contains(option), option);
    }
  }

  @Test
  void completionsForBashZshAndFish(@TempDir Path tmp) throws Exception {
    Path dir = TARGET.resolve("dist/completions");
    String bash = Files.readString(dir.resolve("postern.bash"));
    assertTrue(bash.contains("complete -F _complete_postern"), "bash registers its function");
    String zsh = Files.readString(dir.resolve("_postern"));
    assertTrue(zsh.startsWith("#compdef postern\n"), "zsh autoloads it from $fpath");
    String fish = Files.readString(dir.resolve("postern.fish"));
    for (String s : new String[] {"-f -a scan", "-f -a completion", "__postern_at' -s V -l version", "__postern_at scan' -l from-aws-cli",
        "__postern_at scan' -l fail-on -r", "__postern_at rules' -f -a list",
        "__postern_at completion' -x -a 'bash zsh fish'"}) {
      assertTrue(fish.contains(s), s + " in\n" + fish);
    }
    if (ReportValidationTest.onPath("bash")) {
      Result r = run(List.of("bash", "-c", "source " + dir.resolve("postern.bash") + " && complete -p postern"), Map.of(), null);
      assertEquals(0, r.code(), r.out() + r.err());
    }
    if (ReportValidationTest.onPath("zsh")) {
      Result r = run(List.of("zsh", "-n", dir.resolve("_postern").toString()), Map.of(), null);
      assertEquals(0, r.code(), r.out() + r.err());
    }
    if (ReportValidationTest.onPath("fish")) {
      Result r = run(List.of("fish", "--no-execute", dir.resolve("postern.fish").toString()), Map.of(), null);
      assertEquals(0, r.code(), r.out() + r.err());
    }
  }

  /** Under -Pdeb: the package's metadata, files, and its launcher run from an extracted root with no Java anywhere on PATH. */
  @Test
  void debInstallsALauncherThatNeedsNoJdk(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("postern.deb"), "the .deb is built under -Pdeb only");
    Path deb;
    try (Stream<Path> s = Files.list(TARGET)) {
      deb = s.filter(p -> p.getFileName().toString().matches("postern_" + VERSION.replace(".", "\\.") + "-\\d+_amd64\\.deb"))
          .findFirst().orElseThrow(() -> new AssertionError("no target/postern_" + VERSION + "-N_amd64.deb"));
    }
    Result info = run(List.of("dpkg-deb", "--info", deb.toString()), Map.of(), null);
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().contains("Package: postern"), info.out());
    assertTrue(info.out().contains("Version: " + VERSION), info.out());
    assertFalse(info.out().contains("libx11"), "no desktop module, no X11 dependency:\n" + info.out());

    Path root = tmp.resolve("root");
    assertEquals(0, run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of(), null).code());
    assertEquals(Path.of("/opt/postern/bin/postern"), Files.readSymbolicLink(root.resolve("usr/bin/postern")));
    for (String f : new String[] {"opt/postern/lib/app/postern.jar", "opt/postern/lib/runtime/bin/java",
        "opt/postern/lib/runtime/lib/server/classes.jsa", "usr/share/man/man1/postern.1.gz", "usr/share/man/man1/postern-scan.1.gz",
        "usr/share/bash-completion/completions/postern", "usr/share/zsh/vendor-completions/_postern",
        "usr/share/fish/vendor_completions.d/postern.fish", "usr/share/doc/postern/copyright"}) {
      assertTrue(Files.isRegularFile(root.resolve(f)), f);
    }
    assertTrue(Files.getPosixFilePermissions(root.resolve("opt/postern/bin/postern")).contains(PosixFilePermission.OTHERS_EXECUTE));

    // A PATH with the few tools the launcher uses and no java; no JAVA_HOME.
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String t : new String[] {"sh", "dirname", "readlink", "ls", "cksum", "cut", "mkdir", "mv"}) {
      Path real = Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(d -> Path.of(d, t)).filter(Files::isExecutable)
          .findFirst().orElseThrow();
      Files.createSymbolicLink(tools.resolve(t), real);
    }
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("postern"), root.resolve("opt/postern/bin/postern"));
    Map<String, String> env = Map.of("PATH", bin + File.pathSeparator + tools, "XDG_CACHE_HOME", tmp.resolve("cache").toString());
    assertFalse(Files.exists(tools.resolve("java")) || Files.exists(bin.resolve("java")));

    Result version = run(List.of("sh", "-c", "command -v java || postern --version"), env, tmp.toFile());
    assertEquals(0, version.code(), version.err());
    assertEquals("postern " + VERSION + "\n", version.out());
    for (int i = 0; i < 2; i++) {
      Result demo = run(List.of("sh", "-c", "postern scan --demo"), env, tmp.toFile());
      assertEquals(4, demo.code(), demo.err());
      assertTrue(demo.out().contains(" FAIL (3 critical, 6 high"), demo.out());
    }
    try (Stream<Path> archives = Files.list(tmp.resolve("cache/postern"))) {
      assertEquals(1, archives.filter(p -> p.toString().endsWith(".jsa")).count(), "the class archive recorded in the user's cache");
    }
  }

  record Result(int code, String out, String err) {}

  /** Runs a command (found on this JVM's PATH: "sh -c" for the child's) with exactly {@code env} (nothing inherited) when env is not empty; HOME kept. */
  static Result run(List<String> cmd, Map<String, String> env, File dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) pb.directory(dir);
    if (!env.isEmpty()) {
      Map<String, String> e = pb.environment();
      String home = e.get("HOME");
      e.clear();
      e.putAll(new HashMap<>(env));
      if (home != null) e.put("HOME", home);
      e.put("NO_COLOR", "1");
    }
    Path out = Files.createTempFile("postern-it", ".out");
    Path err = Files.createTempFile("postern-it", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + cmd);
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
