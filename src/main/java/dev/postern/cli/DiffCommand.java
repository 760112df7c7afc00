package dev.postern.cli;

import dev.postern.model.BadInputException;
import dev.postern.model.Severity;
import dev.postern.report.DiffReporter;
import dev.postern.report.FindingDiff;
import dev.postern.report.ReportReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compare two JSON reports by stable finding id: new, resolved, still open.",
      "A finding of OLD that NEW did not rescan (its resource's kind not collected, its rule not run) is listed as "
          + "not rescanned, never as resolved."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing new at or above --fail-on",
      "1:unexpected error",
      "2:bad flags or a file that is not a postern JSON report",
      "4:a new FAIL at or above --fail-on"
    })
public final class DiffCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;

  @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier report (postern scan -o json=FILE).")
  Path older;

  @Parameters(index = "1", paramLabel = "NEW.json", description = "The later report.")
  Path newer;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or markdown (default: ${DEFAULT-VALUE}).", completionCandidates = Formats.class)
  String format;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 4 when a new FAIL at or above this severity exists; none never (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Mixin ColorOption color = new ColorOption();

  @Override
  public Integer call() throws IOException {
    Severity threshold = failOn.trim().equalsIgnoreCase("none") ? null : ScanCommand.parseSeverity(failOn);
    if (!DiffReporter.FORMATS.contains(format)) {
      throw new BadInputException("-o " + format, "unknown format (table, json or markdown)");
    }
    FindingDiff d = FindingDiff.compare(ReportReader.read(older), ReportReader.read(newer));
    StringWriter w = new StringWriter();
    Console c = parent.console;
    DiffReporter.write(d, format, older.toString(), newer.toString(), c.width(), color.on(c), w);
    parent.console.out().print(w);
    parent.console.out().flush();
    return threshold != null && d.addsAt(threshold) ? ExitCode.FINDINGS.code : ExitCode.OK.code;
  }

  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return DiffReporter.FORMATS.iterator();
    }
  }
}
