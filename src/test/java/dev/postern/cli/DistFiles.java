package dev.postern.cli;

import dev.postern.collect.AwsClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the distribution's generated files, run by the build in the package phase (the test class
 * path has picocli-codegen; the jar does not ship it): {@code DIR/man/*.adoc} (picocli's man-page
 * generator, turned into troff by asciidoctor next), {@code DIR/completions/} (bash, zsh, fish) and
 * {@code DIR/bin/postern} (the launcher, knowing its version).
 */
public final class DistFiles {
  private DistFiles() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    String version = args[1];
    Path launcher = Path.of(args[2]);
    CommandLine root = Main.commandLine(
        new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), false, false),
        AwsClients::new);

    Path man = Files.createDirectories(dir.resolve("man"));
    // One page per command: postern(1), postern-scan(1), ...; the root page lists the subcommands.
    int code = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true, root.getCommandSpec());
    if (code != 0) throw new IllegalStateException("ManPageGenerator exited " + code);

    Path completions = Files.createDirectories(dir.resolve("completions"));
    Files.writeString(completions.resolve("postern.bash"), ShellCompletion.bash(root), StandardCharsets.UTF_8);
    Files.writeString(completions.resolve("_postern"), ShellCompletion.zshFunction(root), StandardCharsets.UTF_8);
    Files.writeString(completions.resolve("postern.fish"), ShellCompletion.fish(root), StandardCharsets.UTF_8);

    Path bin = Files.createDirectories(dir.resolve("bin"));
    String script = Files.readString(launcher, StandardCharsets.UTF_8);
    String marker = "version=dev ";
    if (!script.contains(marker)) throw new IllegalStateException(launcher + " has no '" + marker + "' line");
    Path out = bin.resolve("postern");
    Files.writeString(out, script.replace(marker, "version=" + version + " "), StandardCharsets.UTF_8);
    out.toFile().setExecutable(true, false);
  }
}
