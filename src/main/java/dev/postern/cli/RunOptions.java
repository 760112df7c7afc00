package dev.postern.cli;

import dev.postern.model.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** How a scan tells what it does (-v) and where its report files go (--output-dir, name templates). */
public final class RunOptions {
  @Option(names = {"-v", "--verbose"},
      description = "More on stderr (repeatable): -v phases and their timings; -vv also every AWS call with its duration"
          + " and retries; -vvv also the AWS SDK's own request log.")
  boolean[] verbose = new boolean[0];

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Directory for the report files of -o FORMAT=PATH whose PATH is relative (created if missing). In PATH,"
          + " {account} (the audited account; several joined by '+'), {date} (YYYY-MM-DD) and {time} (HHMMSS) are replaced,"
          + " in UTC, at SOURCE_DATE_EPOCH when it is set.")
  Path outputDir;

  int verbosity() {
    return verbose.length;
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** A report's file: templates filled in, under --output-dir when relative. */
  Path target(Path path, ReportClock clock, List<String> accounts) {
    String name = path.toString();
    Matcher m = PLACEHOLDER.matcher(name);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "account" -> accounts.isEmpty() ? "unknown" : String.join("+", accounts);
        case "date" -> clock.date();
        case "time" -> clock.time();
        default -> throw new BadInputException("-o " + name, "unknown template {" + m.group(1) + "} (use {account}, {date}, {time})");
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    Path p = Path.of(out.toString());
    return outputDir == null || p.isAbsolute() ? p : outputDir.resolve(p);
  }
}
