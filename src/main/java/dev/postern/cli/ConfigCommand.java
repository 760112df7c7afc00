package dev.postern.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Scan's settings from the config file and the environment.",
    subcommands = {ConfigCommand.Show.class})
public final class ConfigCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE.code;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Print the settings 'postern scan' would use, and where each comes from:",
          "  flag > env POSTERN_<OPTION> > config file:line > default.",
          "Scan options given after 'show' are taken as flags (e.g. 'postern config show --fail-on low')."})
  static final class Show implements Callable<Integer> {
    @ParentCommand ConfigCommand config;
    @Mixin ConfigOption configOption;

    @Unmatched List<String> scanArgs = new ArrayList<>();

    @Override
    public Integer call() {
      PosternCommand root = config.parent;
      CommandLine top = Main.commandLine(root.console, root.clients);
      CommandLine scan = top.getSubcommands().get("scan");
      ConfigDefaults defaults = (ConfigDefaults) config.spec.commandLine().getDefaultValueProvider();
      top.setDefaultValueProvider(defaults);
      List<String> args = new ArrayList<>(List.of("scan"));
      args.addAll(scanArgs);
      CommandLine.ParseResult parsed = top.parseArgs(args.toArray(String[]::new)).subcommand();
      PrintWriter out = root.console.out();
      out.println("# postern scan settings: flag > env POSTERN_<OPTION> > config file > default");
      out.println("# config file: " + defaults.file().map(Object::toString).orElse("none (looked for "
          + String.join(", ", ConfigDefaults.defaultFiles(root.console.env()).stream().map(Object::toString).toList()) + ")"));
      for (var e : ConfigDefaults.options(scan.getCommandSpec()).entrySet()) {
        OptionSpec o = e.getValue();
        if (o.hidden()) continue;
        String from;
        if (parsed.hasMatchedOption(o)) {
          from = "flag " + o.longestName();
        } else {
          ConfigDefaults.Value v = defaults.lookup(o);
          from = v == null ? "default" : v.origin().startsWith(ConfigDefaults.ENV_PREFIX) ? "env " + v.origin() : v.origin();
        }
        out.println(e.getKey() + ": " + Console.safe(show(o.getValue())) + "  # " + Console.safe(from));
      }
      out.flush();
      return ExitCode.OK.code;
    }

    private static String show(Object v) {
      if (v == null) return "~";
      if (v instanceof java.util.Collection<?> c) {
        return "[" + String.join(", ", c.stream().map(String::valueOf).toList()) + "]";
      }
      return String.valueOf(v);
    }
  }
}
