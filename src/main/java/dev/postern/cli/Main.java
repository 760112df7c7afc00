package dev.postern.cli;

import dev.postern.collect.AwsClients;
import dev.postern.collect.ClientFactory;
import dev.postern.collect.LiveSettings;
import dev.postern.model.BadInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point. {@link #run} is what tests call; only {@code main} exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The AWS SDK logs through SLF4J; postern ships no logger, and says so by this, not by a warning on stderr.
    if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    // A plain `java -jar` on a large capture: run again with the launcher's JVM settings (see Relaunch).
    Optional<Integer> relaunched = Relaunch.ifWorthIt(args);
    if (relaunched.isPresent()) System.exit(relaunched.get());
    Logging.configure(Logging.verbosity(args));
    if (liveScan(args)) {
      // The SDK's client classes load while the command line is parsed (a live scan's first
      // requests then go out sooner); daemon: it never holds the exit.
      Thread warm = new Thread(AwsClients::warmUp, "postern-warm-up");
      warm.setDaemon(true);
      warm.start();
    }
    Console console = Console.system(printsTable(args));
    int code = run(args, console);
    console.out().flush();
    console.err().flush();
    System.exit(code);
  }

  public static int run(String[] args, Console console) {
    return run(args, console, AwsClients::new);
  }

  /** As {@link #run(String[], Console)}, with the SDK clients of a live scan made by {@code clients}. */
  public static int run(String[] args, Console console, Function<LiveSettings, ClientFactory> clients) {
    Logging.configure(Logging.verbosity(args)); // a no-op once SLF4J is set up (main, or an earlier run in this JVM)
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cl = commandLine(console, clients);
    ConfigDefaults defaults;
    try {
      defaults = configured(args) ? ConfigDefaults.load(args, console.env(), cl.getSubcommands().get("scan").getCommandSpec())
          : ConfigDefaults.none();
    } catch (BadInputException e) {
      console.err().println("error: " + Console.safe(e.oneLine()));
      if (debug) console.err().print(stackTrace(e));
      return ExitCode.USAGE.code;
    }
    cl.setDefaultValueProvider(defaults);
    cl.setParameterExceptionHandler((ParameterException e, String[] a) -> {
      PrintWriter err = e.getCommandLine().getErr();
      String hint = e.getCommandLine().getCommandSpec().qualifiedName();
      String msg = defaults.locate(e);
      if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
        msg += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
      }
      err.println("error: " + Console.safe(msg) + " (see '" + hint + " --help')");
      return ExitCode.USAGE.code;
    });
    cl.setExecutionExceptionHandler((Exception e, CommandLine c, CommandLine.ParseResult p) -> {
      PrintWriter err = c.getErr();
      if (e instanceof BadInputException b) {
        err.println("error: " + Console.safe(defaults.locate(b, c.getParseResult()).oneLine()));
        if (debug) err.print(stackTrace(e));
        return ExitCode.USAGE.code;
      }
      err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + Console.safe(String.valueOf(e.getMessage()))
          + (debug ? "" : " (run with --debug for details)"));
      if (debug) err.print(stackTrace(e));
      return ExitCode.ERROR.code;
    });
    return cl.execute(args);
  }

  /** Commands whose options come from the config file and environment too: scan, and config (which shows them). */
  static boolean configured(String[] args) {
    for (String a : args) {
      if (a.startsWith("-")) continue;
      return a.equals("scan") || a.equals("config");
    }
    return false;
  }

  /** A command that lays out a table to the terminal's width (not --help or --version, which print no table). */
  static boolean printsTable(String[] args) {
    boolean table = false;
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) return false;
      if (a.equals("scan") || a.equals("explain") || a.equals("diff") || a.equals("rules")) table = true;
    }
    return table;
  }

  /** A scan with no input flag: the one command that builds SDK clients. */
  static boolean liveScan(String[] args) {
    boolean scan = false;
    for (String a : args) {
      if (a.equals("scan")) scan = true;
      if (a.startsWith("--from-") || a.equals("--demo") || a.equals("--help") || a.equals("-h") || a.equals("--version")
          || a.equals("-V")) {
        return false;
      }
    }
    return scan;
  }

  static CommandLine commandLine(Console console, Function<LiveSettings, ClientFactory> clients) {
    CommandLine cl = new CommandLine(new PosternCommand(console, clients));
    cl.setOut(console.out());
    cl.setErr(console.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    listsTakeCommas(cl.getSubcommands().get("scan").getCommandSpec());
    return cl;
  }

  /**
   * Scan's repeatable options also take comma-separated values ({@code --region a,b}): the form an
   * environment variable or a config default gives a list in. Done here for every list option of
   * scan, so that an option added later needs nothing more.
   */
  private static void listsTakeCommas(picocli.CommandLine.Model.CommandSpec scan) {
    for (picocli.CommandLine.Model.OptionSpec o : new java.util.ArrayList<>(scan.options())) {
      if (!o.isMultiValue() || !o.splitRegex().isEmpty() || o.group() != null) continue;
      scan.remove(o);
      scan.addOption(o.toBuilder().splitRegex(",").build());
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
