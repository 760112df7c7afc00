package dev.postern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a shell completion script.",
      "bash: source <(postern completion bash)   zsh: source <(postern completion zsh)",
      "fish: postern completion fish | source"
    })
public final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh, fish }

  @ParentCommand PosternCommand parent;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh (the same script as bash: it detects zsh and uses bashcompinit) or fish.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    // One script for bash and zsh: picocli's detects zsh and loads it through bashcompinit.
    parent.console.out().print(shell == Shell.fish ? ShellCompletion.fish(root) : ShellCompletion.bash(root));
    parent.console.out().flush();
    return ExitCode.OK.code;
  }
}
