package dev.postern.cli;

import dev.postern.collect.AwsCliReader;
import dev.postern.collect.ClientFactory;
import dev.postern.collect.LiveCollector;
import dev.postern.collect.LiveSettings;
import dev.postern.collect.Collection;
import dev.postern.collect.SnapshotIo;
import dev.postern.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the account state comes from: a file input, or with none of them the live account (the
 * live flags; see docs/live-collection.md).
 */
public final class InputOptions {
  static final String DEMO = "postern/demo/demo-snapshot.json";

  static final class Source {
    @Option(names = "--demo", description = "Audit the embedded demo snapshot (four reference architectures).")
    boolean demo;

    @Option(names = "--from-aws-cli", paramLabel = "DIR",
        description = "Read unmodified AWS CLI describe-* JSON outputs from DIR (region sub-folders set the region).")
    Path awsCliDir;

    @Option(names = "--from-snapshot", paramLabel = "FILE", description = "Read a snapshot saved by --save-snapshot.")
    Path snapshot;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  /**
   * With no input flag, the input a config file or {@code POSTERN_<OPTION>} names: picocli asks
   * the default provider only for the options of a group given on the command line, so the
   * input options' defaults are asked here. At most one of them.
   */
  void sourceFromDefaults(picocli.CommandLine.Model.CommandSpec scan) {
    var parsed = scan.commandLine().getParseResult();
    if (source != null) {
      // An input flag was given: picocli filled the group's other options from the defaults too; the flag alone counts.
      if (!parsed.hasMatchedOption("--demo")) source.demo = false;
      if (!parsed.hasMatchedOption("--from-aws-cli")) source.awsCliDir = null;
      if (!parsed.hasMatchedOption("--from-snapshot")) source.snapshot = null;
      return;
    }
    picocli.CommandLine.IDefaultValueProvider defaults = scan.defaultValueProvider();
    if (defaults == null) return;
    Source s = new Source();
    List<String> named = new ArrayList<>();
    try {
      String demo = defaults.defaultValue(scan.findOption("--demo"));
      String awsCli = defaults.defaultValue(scan.findOption("--from-aws-cli"));
      String snapshot = defaults.defaultValue(scan.findOption("--from-snapshot"));
      if (demo != null && Boolean.parseBoolean(demo.trim())) {
        s.demo = true;
        named.add("demo");
      }
      if (awsCli != null && !awsCli.isBlank()) {
        s.awsCliDir = Path.of(awsCli.trim());
        named.add("from-aws-cli");
      }
      if (snapshot != null && !snapshot.isBlank()) {
        s.snapshot = Path.of(snapshot.trim());
        named.add("from-snapshot");
      }
    } catch (Exception e) {
      throw new BadInputException("config", "cannot read the input options: " + e.getMessage(), e);
    }
    if (named.size() > 1) {
      throw new BadInputException("config", "give at most one input of " + String.join(", ", named) + " (or one flag)");
    }
    if (!named.isEmpty()) source = s;
  }

  @Option(names = "--region", paramLabel = "REGION",
      description = "Region to audit (repeatable; default: AWS_REGION or the profile's). With --from-aws-cli: region of files outside a region folder, over the region their resources name.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--all-regions", description = "Audit every region enabled for the account (EC2 DescribeRegions).")
  boolean allRegions;

  @Option(names = "--profile", paramLabel = "NAME", description = "Named profile of the AWS config and credentials files.")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Send every AWS call to URL instead of AWS (moto, LocalStack).")
  String endpointUrl;

  @Option(names = "--role-arn", paramLabel = "ARN",
      description = "Assume this role and audit its account (repeatable: one account each).")
  List<String> roleArns = new ArrayList<>();

  @Option(names = "--external-id", paramLabel = "ID", description = "External id for --role-arn.")
  String externalId;

  // No picocli defaults for the two below: unset must be told from given, to refuse them with file input.
  @Option(names = "--parallelism", paramLabel = "N",
      description = "AWS calls in flight at once (default: " + LiveCollector.DEFAULT_PARALLELISM + ").")
  Integer parallelism;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Longest one AWS call may take, retries included, e.g. 30s, 2m, 500ms (default: " + DEFAULT_TIMEOUT + ").")
  String timeout;

  static final String DEFAULT_TIMEOUT = "60s";

  @Option(names = {"-q", "--quiet"}, description = "Nothing on stderr but errors: no progress, no warnings.")
  boolean quiet;

  @Option(names = "--save-snapshot", paramLabel = "FILE",
      description = "Also save what was collected (AWS-CLI-shaped answers and errors) to FILE; --from-snapshot replays it.")
  Path saveSnapshot;

  /** What the scan looks at, for the "nothing audited" error: the input and where. */
  String describe() {
    if (source == null) return "the live scan";
    if (source.demo) return "--demo";
    if (source.awsCliDir != null) return source.awsCliDir.toString();
    return source.snapshot.toString();
  }

  Collection collect(Console console, Function<LiveSettings, ClientFactory> clientFactory) {
    Collection c;
    if (source == null) {
      c = collectLive(console, clientFactory);
    } else if (source.demo) {
      try (InputStream in = InputOptions.class.getClassLoader().getResourceAsStream(DEMO)) {
        if (in == null) throw new IllegalStateException("demo snapshot missing from the jar");
        c = SnapshotIo.read(in, DEMO);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else if (source.awsCliDir != null) {
      c = new AwsCliReader(regions.isEmpty() ? "" : regions.get(0)).read(source.awsCliDir);
    } else {
      if (!Files.isRegularFile(source.snapshot)) throw new BadInputException(source.snapshot.toString(), "snapshot file not found");
      c = SnapshotIo.read(source.snapshot);
    }
    if (saveSnapshot != null) {
      SnapshotIo.write(c, saveSnapshot);
    }
    return c;
  }

  private Collection collectLive(Console console, Function<LiveSettings, ClientFactory> clientFactory) {
    LiveSettings settings = new LiveSettings(Optional.ofNullable(profile), Optional.ofNullable(endpointUrl).map(InputOptions::endpoint),
        Optional.ofNullable(externalId), parseDuration(timeout == null ? DEFAULT_TIMEOUT : timeout), console.env());
    boolean showProgress = console.stderrTty() && !quiet;
    try (ClientFactory clients = clientFactory.apply(settings)) {
      LiveCollector collector = new LiveCollector(clients, parallelism == null ? LiveCollector.DEFAULT_PARALLELISM : parallelism,
          showProgress ? progress(console) : LiveCollector.Progress.NONE);
      Collection c = collector.collect(regions, allRegions, roleArns);
      if (showProgress) console.err().print("\r\033[K");
      console.err().flush();
      return c;
    }
  }

  /** One line, rewritten in place: "collecting: 12/40 service×region done, 1 error". */
  private static LiveCollector.Progress progress(Console console) {
    return (done, total, errors) -> {
      console.err().print("\rcollecting: " + done + "/" + total + " service×region done"
          + (errors == 0 ? "" : ", " + errors + (errors == 1 ? " error" : " errors")) + "\033[K");
      console.err().flush();
    };
  }

  /**
   * Live-only flags make no sense with a file input: say so rather than ignore them. The same
   * settings from a config file or the environment ({@code given} false) are shared by every kind
   * of scan: with a file input they are dropped, not refused.
   */
  void checkFlags(java.util.function.Predicate<String> given) {
    if (source != null) {
      if (!given.test("--region") && source.awsCliDir == null) regions = new ArrayList<>();
      if (!given.test("--all-regions")) allRegions = false;
      if (!given.test("--profile")) profile = null;
      if (!given.test("--endpoint-url")) endpointUrl = null;
      if (!given.test("--role-arn")) roleArns = new ArrayList<>();
      if (!given.test("--external-id")) externalId = null;
      if (!given.test("--timeout")) timeout = null;
      if (!given.test("--parallelism")) parallelism = null;
    }
    checkFlags();
  }

  void checkFlags() {
    if (source == null) {
      if (!roleArns.isEmpty() && roleArns.stream().anyMatch(String::isBlank)) throw new BadInputException("--role-arn", "empty role ARN");
      if (timeout != null) parseDuration(timeout);
      return;
    }
    List<String> liveOnly = new ArrayList<>();
    // A file input's region comes from its folders or data; --region names the region of files outside a region folder.
    if (!regions.isEmpty() && source.awsCliDir == null) liveOnly.add("--region");
    if (allRegions) liveOnly.add("--all-regions");
    if (profile != null) liveOnly.add("--profile");
    if (endpointUrl != null) liveOnly.add("--endpoint-url");
    if (!roleArns.isEmpty()) liveOnly.add("--role-arn");
    if (externalId != null) liveOnly.add("--external-id");
    if (timeout != null) liveOnly.add("--timeout");
    if (parallelism != null) liveOnly.add("--parallelism");
    if (!liveOnly.isEmpty()) {
      throw new BadInputException(liveOnly.get(0), "applies to a live scan only" + (liveOnly.get(0).equals("--region")
          ? " and --from-aws-cli (a snapshot or the demo keeps the regions it was taken in)" : " (drop --demo, --from-aws-cli and --from-snapshot)"));
    }
  }

  private static URI endpoint(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new BadInputException("--endpoint-url", "not an http(s) URL: " + url);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new BadInputException("--endpoint-url", "not a URL: " + url);
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

  static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s.trim());
    if (!m.matches()) throw new BadInputException("--timeout", "not a duration: '" + s + "' (e.g. 30s, 2m, 500ms)");
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.toMillis() < 100) throw new BadInputException("--timeout", "at least 100ms");
    return d;
  }
}
