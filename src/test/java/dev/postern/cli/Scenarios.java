package dev.postern.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.collect.AwsCliReader;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Status;
import dev.postern.rules.Rule;
import dev.postern.rules.Suppressions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The test scenarios as scan results, and the CLI run in-process. */
public final class Scenarios {
  public static final String VERSION = "0.0.0-test";
  /** A fixed clock: golden reports stay byte-identical. */
  public static final String GENERATED_AT = "2026-01-02T03:04:05Z";
  public static final Path ROOT = Path.of("src/test/resources/scenarios");
  public static final List<String> NAMES = List.of("empty", "mixed", "incomplete");
  static final ObjectMapper JSON = new ObjectMapper();
  private static List<Rule> rules;

  private Scenarios() {}

  public static Path aws(String scenario) {
    return ROOT.resolve(scenario).resolve("aws");
  }

  static synchronized List<Rule> rules() {
    if (rules == null) rules = Audit.activeRules(Audit.rules(List.of()), List.of());
    return rules;
  }

  /** Audits a folder of AWS CLI JSON, with the test version. */
  public static ScanResult scan(Path awsDir) {
    return Audit.run(new AwsCliReader("").read(awsDir), awsDir.toString(), rules()).result.withToolVersion(VERSION).withGeneratedAt(GENERATED_AT);
  }

  /**
   * empty: the hardened Beanstalk (nothing fails); mixed: the insecure Beanstalk with one FAIL
   * suppressed and a baseline that knew one FAIL, had one since fixed and one in a region not
   * scanned; incomplete: the insecure Beanstalk without describe-instances output.
   */
  public static ScanResult named(String name, Path tmp) {
    return switch (name) {
      case "empty" -> scan(aws("beanstalk-hardened"));
      case "mixed" -> mixed();
      case "incomplete" -> scan(without(aws("beanstalk-default-insecure"), tmp, "describe-instances.json"));
      default -> throw new IllegalArgumentException(name);
    };
  }

  static ScanResult mixed() {
    ScanResult plain = scan(aws("beanstalk-default-insecure"));
    String yaml = """
        suppressions:
          - rule: sg-default-group-has-rules
            resource: arn:aws:ec2:us-east-1:123456789012:security-group/sg-b2a3784f225d10d1d
            reason: the default group is locked down by an SCP; rules removed in SEC-7
            expires: 2999-12-31
            owner: platform
            ticket: SEC-7
        """;
    Suppressions s = Suppressions.parse(yaml.getBytes(StandardCharsets.UTF_8), "suppressions.yaml",
        plain.rules(), LocalDate.of(2026, 1, 1));
    List<Finding> before = new ArrayList<>();
    for (Finding f : plain.failures()) {
      if (f.rule().name().equals("sg-db-port-open-to-internet")) before.add(f); // the admin-port one is new
    }
    Finding template = plain.failures().get(0);
    before.add(copy(template, "sg-0fixed000000000000", new Scope("123456789012", "us-east-1")));
    before.add(copy(template, "sg-0elsewhere00000000", new Scope("123456789012", "eu-west-1")));
    ScanResult baseline = plain.withFindings(before);
    return Audit.triage(plain, s, baseline, "baseline.json");
  }

  /** {@code f}'s rule on another security group: a finding the current scan does not have. */
  static Finding copy(Finding f, String groupId, Scope scope) {
    ResourceRef ref = new ResourceRef("security-group", groupId,
        "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":security-group/" + groupId, "old-group", scope);
    String detail = "tcp/3306 from 0.0.0.0/0";
    String message = groupId + " (old-group) allows " + detail;
    return new Finding(Finding.idOf(f.rule().name(), ref), f.rule(), f.severity(), Status.FAIL, ref, message,
        List.of(new dev.postern.model.Evidence(detail, message, f.severity(), List.of())));
  }

  /** A copy of {@code dir} in {@code tmp} without the named files. */
  public static Path without(Path dir, Path tmp, String... files) {
    Path out = copy(dir, tmp.resolve(dir.getParent().getFileName() + "-without"));
    try {
      for (String f : files) Files.delete(out.resolve(f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static Path copy(Path dir, Path to) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(dir.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds an ingress permission from 0.0.0.0/0 on {@code port} to group {@code groupId} in a copied folder. */
  public static void openToInternet(Path awsDir, String groupId, int port) {
    Path file = awsDir.resolve("describe-security-groups.json");
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
      for (var g : root.withArray("SecurityGroups")) {
        if (!g.get("GroupId").asText().equals(groupId)) continue;
        ObjectNode p = ((ArrayNode) g.get("IpPermissions")).addObject();
        p.put("IpProtocol", "tcp").put("FromPort", port).put("ToPort", port);
        p.putArray("UserIdGroupPairs");
        p.putArray("IpRanges").addObject().put("CidrIp", "0.0.0.0/0");
        p.putArray("Ipv6Ranges");
        p.putArray("PrefixListIds");
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CLI run: exit code, stdout, stderr. */
  public record Run(int code, String out, String err) {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new Console(new PrintWriter(out), new PrintWriter(err), Map.of("NO_COLOR", "1"), false, false));
    return new Run(code, out.toString(), err.toString());
  }
}
