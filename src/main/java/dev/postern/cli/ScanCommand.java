package dev.postern.cli;

import dev.postern.collect.Collection;
import dev.postern.model.BadInputException;
import dev.postern.model.Frameworks;
import dev.postern.model.Gate;
import dev.postern.model.Status;
import dev.postern.model.ScanResult;
import dev.postern.model.Severity;
import dev.postern.report.GraphScope;
import dev.postern.report.ReportFormat;
import dev.postern.report.ReportOptions;
import dev.postern.report.ReportReader;
import dev.postern.rules.Suppressions;
import dev.postern.rules.Rule;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Collect, build the trust graph, evaluate the rules and report.",
        "Without --demo, --from-aws-cli or --from-snapshot, audits the live account of the AWS credentials, read-only;"
            + " see 'postern iam-policy'. As the AWS CLI resolves them:",
        "  region: --region (repeatable) > --all-regions > AWS_REGION > AWS_DEFAULT_REGION > the profile's region",
        "  credentials: --profile NAME (wins over environment keys) > AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY > web identity"
            + " > the profile of AWS_PROFILE or 'default' (keys, role_arn, credential_process, SSO) > container > instance",
        "A scan that audited nothing (no scope read, or every call failed) is exit 2, never clean."},
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:complete (at least one account x region audited, nothing missing), and no FAIL at or above --fail-on",
      "1:unexpected error",
      "2:bad flags or bad input file; nothing audited; credentials, profile or region that cannot be used",
      "4:at least one FAIL at or above --fail-on (not counting suppressed ones, nor with --baseline existing ones)",
      "5:incomplete (something could not be collected) and no such FAIL"
    })
public final class ScanCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;

  @Mixin InputOptions input;

  @Mixin ConfigOption config;

  @Mixin RunOptions run;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=PATH]",
      description = "Report format, optionally to a file (repeatable): ${COMPLETION-CANDIDATES}. Default: table to stdout.",
      completionCandidates = FormatNames.class)
  List<String> outputs = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 4 when a FAIL at or above this severity exists: critical, high, medium, low, info; none reports only"
          + " (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--allow-incomplete",
      description = "Exit 0 rather than 5 when something could not be collected (the report still says what).")
  boolean allowIncomplete;

  @Option(names = "--severity", paramLabel = "LIST", split = ",",
      description = "Report only findings of these severities (comma-separated: critical,high). The gate still uses --fail-on.")
  List<String> severities = new ArrayList<>();

  @Option(names = "--show-pass", description = "Also report PASS verdicts (and resources not evaluated).")
  boolean showPass;

  @Option(names = "--graph", paramLabel = "SCOPE",
      description = "What the dot and mermaid pictures draw: findings (default: the groups behind FAILs, the routes from the"
          + " Internet to the data stores concerned, and their neighbours) or all (every group).")
  String graph;

  @Option(names = "--graph-of", paramLabel = "RESOURCE",
      description = "Draw one resource's neighbourhood in the dot and mermaid pictures: a security group (id, name or ARN) or"
          + " what groups are attached to (id or ARN): every group that may reach it, and its direct neighbours.")
  String graphOf;

  @Option(names = "--reachable-only", description = "Report only findings reachable from the Internet over the whole network path"
      + " (address, route, network ACL, security group: docs/reachability.md). The gate still counts every FAIL.")
  boolean reachableOnly;

  @Option(names = "--rules", paramLabel = "DIR", description = "Also load rules from DIR (repeatable).")
  List<Path> ruleDirs = new ArrayList<>();

  @Option(names = "--enable-rule", paramLabel = "NAME", description = "Also evaluate this opt-in rule (repeatable).")
  List<String> enableRules = new ArrayList<>();

  @Option(names = "--only-rule", paramLabel = "NAME", description = "Evaluate only this rule (repeatable; name or id).")
  List<String> onlyRules = new ArrayList<>();

  @Option(names = "--skip-rule", paramLabel = "NAME", description = "Do not evaluate this rule (repeatable; name or id).")
  List<String> skipRules = new ArrayList<>();

  @Option(names = "--compliance", paramLabel = "FRAMEWORK",
      description = "Evaluate only the rules mapped to this framework (fsbp, cis, well-architected, securityhub) and list its controls"
          + " with their PASS/FAIL counts.")
  String compliance;

  @Option(names = "--timings", hidden = true, description = "Print phase durations to stderr (benchmarking).")
  boolean timings;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "A previous JSON report: findings it has are 'existing' and do not fail the gate; new ones do. "
          + "The report lists the baseline's findings that are resolved (and those not rescanned, never counted resolved).")
  Path baseline;

  @Option(names = "--suppressions", paramLabel = "FILE",
      description = "YAML of accepted risks (rule, resource, reason, expires; optional owner, ticket): matching FAILs "
          + "become SUPPRESSED and do not fail the gate until they expire. See docs/ci-and-tickets.md.")
  Path suppressions;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Mixin ColorOption color = new ColorOption();

  @Override
  public Integer call() throws IOException {
    Console console = parent.console;
    ReportClock clock = ReportClock.of(console.env());
    if (input.quiet && run.verbosity() > 0) throw new BadInputException("-q", "give either -q or -v, not both");
    Optional<Severity> threshold = failOn.trim().equalsIgnoreCase("none") ? Optional.empty() : Optional.of(parseSeverity(failOn));
    Set<Severity> shownSeverities = severities(severities);
    Optional<Frameworks> framework = framework(compliance);
    List<OutputSpec> specs = new ArrayList<>();
    for (String o : outputs) specs.add(OutputSpec.parse(o));
    if (specs.isEmpty()) specs.add(new OutputSpec(ReportFormat.TABLE, Optional.empty()));
    if (specs.stream().filter(s -> s.path().isEmpty()).count() > 1) {
      throw new BadInputException("-o", "only one output may go to stdout; give the others a path (FORMAT=PATH)");
    }
    input.sourceFromDefaults(spec);
    input.checkFlags(name -> spec.commandLine().getParseResult().hasMatchedOption(name));
    GraphScope graphScope = graphScope(specs);
    for (Path dir : ruleDirs) {
      if (!Files.isDirectory(dir)) throw new BadInputException(dir.toString(), "rules directory not found");
    }
    Timings t = new Timings(timings || run.verbosity() > 0, run.verbosity() > 0 ? console.err() : null);
    // Rules, suppressions and the baseline are read while collection runs (it waits on the
    // network, this on the disk and the CPU); a problem in them is reported before any report.
    CompletableFuture<Prepared> preparing = CompletableFuture.supplyAsync(this::prepare);
    Audit.Needs needs = new Audit.Needs(showPass || specs.stream().anyMatch(s -> s.format() == ReportFormat.JUNIT),
        specs.stream().anyMatch(s -> s.format().needsTrustMap()));
    Collection collection = collect(console, t);
    Prepared p = join(preparing);
    t.mark("rules-load");
    Audit audit = Audit.run(collection, input.describe(), p.rules(), t, needs);
    collection = null; // the raw answers are not needed past the model
    ScanResult result = Audit.triage(audit.result, p.accepted(), p.previous(), baseline == null ? "" : baseline.toString())
        .withGeneratedAt(clock.iso());
    if (!input.quiet) result.warnings().forEach(w -> console.err().println(Console.safe(w)));
    ScanResult shown = shownSeverities.size() == Severity.values().length ? result : result.withSeverities(shownSeverities);
    if (graphScope.mode() == GraphScope.Mode.OF && !GraphScope.names(result, graphScope.resource())) {
      throw new BadInputException("--graph-of " + graphScope.resource(), "no security group, nor resource with security groups, of that"
          + " id, name or ARN in this scan");
    }
    Gate gate = gate(result, threshold, allowIncomplete, result.count(Status.FAIL) - shown.count(Status.FAIL));
    // After the gate: what --reachable-only leaves out still counts, and is not "not shown (--severity)".
    if (reachableOnly) shown = shown.reachableOnly();
    List<String> accounts = result.scopes().stream().map(dev.postern.model.Scope::account).filter(a -> !a.isEmpty()).distinct().toList();

    // Render everything before publishing anything: nothing is half-printed. File reports are
    // rendered into temporary files beside their targets (a large report need not fit in memory
    // twice), then moved into place together; stdout's report is held and printed last.
    List<Staged> staged = new ArrayList<>();
    String forStdout = "";
    try {
      for (OutputSpec s : specs) {
        boolean toStdout = s.path().isEmpty();
        ReportOptions opts = new ReportOptions(showPass, toStdout && color.on(console), toStdout ? console.width() : 100,
            Optional.of(gate), framework, graphScope);
        if (toStdout) {
          StringWriter w = new StringWriter();
          reporter(s.format(), audit).write(shown, opts, w);
          forStdout = w.toString();
        } else {
          Staged st = Staged.create(run.target(s.path().get(), clock, accounts));
          staged.add(st);
          try (java.io.OutputStream w = new java.io.BufferedOutputStream(Files.newOutputStream(st.tmp()), 1 << 16)) {
            reporter(s.format(), audit).write(shown, opts, w);
          }
        }
      }
      for (Staged st : staged) st.publish();
    } catch (IOException e) {
      throw new BadInputException(staged.isEmpty() ? "-o" : staged.get(staged.size() - 1).target().toString(),
          "cannot write report: " + e.getMessage(), e);
    } finally {
      for (Staged st : staged) st.discard();
    }
    if (specs.stream().anyMatch(s -> s.format() == ReportFormat.SARIF)) {
      String leftOut = dev.postern.report.SarifReporter.leftOut(shown);
      if (!leftOut.isEmpty()) console.err().println("warning: " + leftOut);
    }
    console.out().print(forStdout);
    console.out().flush();
    t.mark("report");
    t.print(console.err());
    return gate.exitCode();
  }

  /** The HTML report also explains every data store, which needs the trust graph (a layer the reports do not see). */
  private static dev.postern.report.Reporter reporter(ReportFormat format, Audit audit) {
    return format == ReportFormat.HTML ? new dev.postern.report.HtmlReporter(ExplainCommand.dataStores(audit)) : format.reporter();
  }

  /** What the user wrote: the rules to run, accepted risks, the previous report. */
  private record Prepared(List<Rule> rules, Suppressions accepted, ScanResult previous) {}

  private Prepared prepare() {
    List<Rule> all = Audit.rules(ruleDirs);
    List<Rule> rules = Audit.activeRules(all, enableRules, onlyRules, skipRules, framework(compliance));
    Suppressions accepted = suppressions == null ? null
        : Suppressions.load(suppressions, all.stream().map(Rule::info).toList(), LocalDate.now(ZoneOffset.UTC));
    ScanResult previous = baseline == null ? null : ReportReader.read(baseline);
    return new Prepared(rules, accepted, previous);
  }

  private static Prepared join(CompletableFuture<Prepared> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** Collects and prints the input's warnings. */
  private Collection collect(Console console, Timings t) {
    Collection collection = input.collect(console, parent.clients);
    t.mark("collect");
    if (!input.quiet) collection.warnings().forEach(w -> console.err().println(Console.safe(w)));
    return collection;
  }

  /**
   * The exit code and why: 4 when a gating FAIL is at or above the threshold (none with
   * {@code --fail-on none}), else 5 when the scan is incomplete (unless allowed), else 0.
   * {@code hidden}: FAILs that --severity keeps out of the report, said so the reader is not puzzled.
   */
  static Gate gate(ScanResult result, Optional<Severity> threshold, boolean allowIncomplete, long hidden) {
    String failOn = threshold.map(Severity::id).orElse("none");
    if (threshold.isPresent() && result.failsAt(threshold.get())) {
      long n = result.findings().stream().filter(f -> f.gating() && f.severity().atLeast(threshold.get())).count();
      return new Gate(failOn, ExitCode.FINDINGS.code, n + (result.baseline().isPresent() ? " new or worse" : "") + " FAIL at or above "
          + failOn + " (--fail-on " + failOn + ")" + (hidden > 0 ? "; " + hidden + " FAIL not shown (--severity)" : ""));
    }
    if (!result.complete() && !allowIncomplete) {
      return new Gate(failOn, ExitCode.INCOMPLETE.code, "scan incomplete (" + result.errors().size() + " collection error(s));"
          + " --allow-incomplete accepts it");
    }
    String why = threshold.isEmpty() ? "report only (--fail-on none)" : "no " + (result.baseline().isPresent() ? "new or worse " : "")
        + "FAIL at or above " + failOn;
    return new Gate(failOn, ExitCode.OK.code, why + (result.complete() ? "" : "; incomplete scan accepted (--allow-incomplete)"));
  }

  /** {@code --graph} and {@code --graph-of}: one of them, and only with a picture to draw. */
  private GraphScope graphScope(List<OutputSpec> specs) {
    if (graph != null && graphOf != null) throw new BadInputException("--graph-of", "give either --graph or --graph-of, not both");
    if ((graph != null || graphOf != null) && specs.stream().noneMatch(s -> s.format().drawsTrustGraph())) {
      throw new BadInputException(graph != null ? "--graph" : "--graph-of", "it chooses what the pictures draw: add -o dot=FILE or"
          + " -o mermaid=FILE");
    }
    if (graphOf != null) {
      if (graphOf.isBlank()) throw new BadInputException("--graph-of", "empty resource");
      return GraphScope.of(graphOf);
    }
    try {
      return graph == null ? GraphScope.FINDINGS : GraphScope.named(graph);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--graph " + graph, e.getMessage());
    }
  }

  static Set<Severity> severities(List<String> names) {
    if (names.isEmpty()) return EnumSet.allOf(Severity.class);
    Set<Severity> out = EnumSet.noneOf(Severity.class);
    for (String n : names) {
      try {
        out.add(Severity.parse(n));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--severity", e.getMessage());
      }
    }
    return out;
  }

  static Optional<Frameworks> framework(String name) {
    if (name == null) return Optional.empty();
    return Optional.of(Frameworks.named(name).orElseThrow(() -> new BadInputException("--compliance " + name,
        "unknown framework (expected " + String.join(", ", java.util.Arrays.stream(Frameworks.values()).map(Frameworks::id).toList()) + ")")));
  }

  static Severity parseSeverity(String s) {
    try {
      return Severity.parse(s);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--fail-on", e.getMessage());
    }
  }

  /** A report rendered into {@code tmp}, to be moved onto {@code target}. */
  record Staged(Path tmp, Path target) {
    static Staged create(Path path) throws IOException {
      Path target = path.toAbsolutePath();
      boolean special = Files.exists(target) && !Files.isRegularFile(target);
      Path dir = special ? null : target.getParent();
      if (dir != null) Files.createDirectories(dir);
      return new Staged(dir == null ? Files.createTempFile(".postern-", ".tmp") : Files.createTempFile(dir, ".postern-", ".tmp"), target);
    }

    void publish() throws IOException {
      if (Files.exists(target) && !Files.isRegularFile(target)) {
        // A device or pipe (/dev/null, /dev/stdout, a FIFO): written into, never replaced by a file.
        try (var out = Files.newOutputStream(target)) {
          Files.copy(tmp, out);
        }
        Files.delete(tmp);
      } else {
        // Temporary files are private (0600); a report gets the mode of the file it replaces, else 0644.
        try {
          Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
              : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: keep what it gave
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }

    void discard() {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }


  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(ReportFormat.values()).map(ReportFormat::id).iterator();
    }
  }
}
