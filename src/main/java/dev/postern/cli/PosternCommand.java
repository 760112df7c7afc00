package dev.postern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "postern",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Audits AWS network posture: security groups as a chain of trust from the Internet to your data stores.",
    subcommands = {ScanCommand.class, ExplainCommand.class, DiffCommand.class, RulesCommand.class, CompletionCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:complete, and no FAIL at or above --fail-on",
      "1:unexpected error",
      "2:bad flags or bad input file",
      "4:at least one FAIL at or above --fail-on",
      "5:incomplete (something could not be collected) and no such FAIL"
    })
public final class PosternCommand implements Callable<Integer> {
  final Console console;
  @Spec CommandSpec spec;

  PosternCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE.code;
  }
}
