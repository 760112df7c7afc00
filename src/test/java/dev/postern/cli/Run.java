package dev.postern.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs postern in-process and keeps what it printed. */
public record Run(int exit, String out, String err) {
  public static Run of(String... args) {
    return withEnv(Map.of(), args);
  }

  public static Run withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> e = new HashMap<>(env);
    e.putIfAbsent("NO_COLOR", "1");
    // A fixed report time (generatedAt): two runs of one input give the same bytes.
    e.putIfAbsent("SOURCE_DATE_EPOCH", "1767225600");
    int code = Main.run(args, new Console(new PrintWriter(out, true), new PrintWriter(err, true), e, false, false));
    // Every message any test provokes is checked for Java and Jackson internals (issue 13, case 7),
    // except under --debug, whose stack trace is asked for.
    if (!java.util.Arrays.asList(args).contains("--debug")) {
      err.toString().lines().filter(l -> l.startsWith("error: ") || l.startsWith("warning: "))
          .forEach(dev.postern.InternalNames::assertNone);
    }
    return new Run(code, out.toString(), err.toString());
  }
}
