package dev.postern.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
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
      "bash: source <(postern completion bash)   zsh: source <(postern completion zsh)"
    })
public final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  @ParentCommand PosternCommand parent;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh (the same script: it detects zsh and uses bashcompinit).")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    // One script for both: picocli's detects zsh and loads it through bashcompinit.
    parent.console.out().print(AutoComplete.bash("postern", root));
    parent.console.out().flush();
    return ExitCode.OK.code;
  }
}
