package dev.postern.cli;

import dev.postern.collect.ClientFactory;
import dev.postern.collect.LiveSettings;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "postern",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Audits AWS network posture: security groups as a chain of trust from the Internet to your data stores.",
    subcommands = {ScanCommand.class, ExplainCommand.class, DiffCommand.class, RulesCommand.class, IamPolicyCommand.class,
      CompletionCommand.class, ConfigCommand.class, CaptureScriptCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:complete, and no FAIL at or above --fail-on",
      "1:unexpected error",
      "2:bad flags or bad input file; nothing audited; credentials, profile or region that cannot be used",
      "4:at least one FAIL at or above --fail-on",
      "5:incomplete (something could not be collected) and no such FAIL"
    })
public final class PosternCommand implements Callable<Integer> {
  final Console console;
  /** Makes the SDK clients of a live scan; tests pass fakes. */
  final Function<LiveSettings, ClientFactory> clients;
  @Spec CommandSpec spec;

  PosternCommand(Console console, Function<LiveSettings, ClientFactory> clients) {
    this.console = console;
    this.clients = clients;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE.code;
  }
}
