package dev.postern.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.model.BadInputException;
import dev.postern.model.ControlChars;
import dev.postern.model.RuleInfo;
import dev.postern.report.Ansi;
import dev.postern.report.TextTable;
import dev.postern.rules.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "The rules catalogue.", subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class})
public final class RulesCommand implements Callable<Integer> {
  static final List<String> FORMATS = List.of("table", "markdown", "json");
  /** Made on first use: picocli loads this class for every command, and most never print JSON. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }

  @ParentCommand PosternCommand parent;

  @Mixin ColorOption color = new ColorOption();

  @Override
  public Integer call() {
    Console c = parent.console;
    return new ListRules().print(c.out(), Audit.rules(List.of()), "table", c.width(), color.on(c));
  }

  /** By id: the order of the catalogue a reader scans. */
  static List<Rule> byId(List<Rule> rules) {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing((Rule r) -> r.info().id()));
    return sorted;
  }

  static ObjectNode json(Rule r) {
    RuleInfo i = r.info();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", i.id());
    n.put("name", i.name());
    n.put("title", i.title());
    n.put("severity", i.severity().id());
    n.put("service", i.service());
    n.put("resource", i.resource());
    n.put("check", i.check());
    n.put("enabledByDefault", r.enabledByDefault());
    n.set("params", Json.MAPPER.valueToTree(new TreeMap<>(r.rawParams())));
    n.put("description", i.description());
    n.put("remediation", i.remediation());
    i.references().forEach(n.putArray("references")::add);
    if (i.references().isEmpty()) n.putArray("references");
    ArrayNode c = n.putArray("compliance");
    i.compliance().forEach(c::add);
    ArrayNode when = n.putArray("severityWhen");
    r.severityWhen().forEach(w -> when.addObject().put("severity", w.severity().id()).put("when", w.when()));
    if (!r.severityRationale().isEmpty()) n.put("severityRationale", r.severityRationale());
    n.put("source", r.source());
    return n;
  }

  static String markdownTable(List<Rule> rules) {
    StringBuilder sb = new StringBuilder();
    sb.append("| Id | Name | Severity | Title | Compliance |\n");
    sb.append("| --- | --- | --- | --- | --- |\n");
    for (Rule r : byId(rules)) {
      RuleInfo i = r.info();
      sb.append("| ").append(i.id()).append(" | `").append(i.name()).append("` | ").append(i.severity().id())
          .append(r.severityWhen().isEmpty() ? "" : " (or " + r.severityWhen().stream().map(w -> w.severity().id()).distinct()
              .collect(java.util.stream.Collectors.joining(", ")) + ")")
          .append(" | ").append(i.title().replace("|", "\\|"))
          .append(r.enabledByDefault() ? "" : " (opt-in: `--enable-rule " + i.name() + "`)").append(" | ").append(String.join(", ", i.compliance()).replace("|", "\\|"))
          .append(" |\n");
    }
    return sb.toString();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules (table, markdown or json).")
  static final class ListRules implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "table, markdown or json (default: ${DEFAULT-VALUE}).", completionCandidates = Formats.class)
    String format;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also load rules from DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Mixin ColorOption color = new ColorOption();

    @Override
    public Integer call() {
      Console c = rules.parent.console;
      return print(c.out(), Audit.rules(ruleDirs), format, c.width(), color.on(c));
    }

    int print(PrintWriter out, List<Rule> rules, String format, int width, boolean colour) {
      switch (format) {
        case "table" -> {
          // Rules from --rules DIR are files anyone may have written: their text is shown, not obeyed.
          TextTable t = new TextTable("ID", "SEVERITY", "NAME", "TITLE").styleColumn(1).keep(2);
          for (Rule r : byId(rules)) {
            RuleInfo i = r.info();
            t.row(colour ? Ansi.severity(i.severity()) : "", ControlChars.oneLine(i.id()), i.severity().id(), ControlChars.oneLine(i.name()),
                ControlChars.oneLine(i.title() + (r.enabledByDefault() ? "" : " (opt-in)")));
          }
          for (String line : t.lines("", width, true)) out.println(line);
        }
        case "markdown" -> out.print(markdownTable(rules));
        case "json" -> {
          ArrayNode a = Json.MAPPER.createArrayNode();
          byId(rules).forEach(r -> a.add(json(r)));
          out.println(write(a));
        }
        default -> throw new BadInputException("-o " + format, "unknown format (table, markdown or json)");
      }
      out.flush();
      return ExitCode.OK.code;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show everything about one rule: metadata, params, compliance ids, an example suppression.")
  static final class ShowRule implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Parameters(paramLabel = "NAME|ID")
    String which;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also load rules from DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = rules.parent.console.out();
      Rule rule = Audit.rules(ruleDirs).stream()
          .filter(r -> r.name().equals(which) || r.info().id().equalsIgnoreCase(which)).findFirst()
          .orElseThrow(() -> new BadInputException(which, "no such rule (see 'postern rules list')"));
      if ("json".equals(format)) {
        out.println(write(json(rule)));
        out.flush();
        return ExitCode.OK.code;
      }
      if (!"text".equals(format)) throw new BadInputException("-o " + format, "unknown format (text or json)");
      RuleInfo i = rule.info();
      out.println(i.id() + "  " + i.name() + "  (" + i.severity().id() + ")");
      out.println(i.title());
      out.println();
      out.println("service:     " + i.service());
      out.println("resource:    " + i.resource());
      out.println("severity:    " + i.severity().id() + (rule.severityWhen().isEmpty() ? "" : ", except:"));
      for (Rule.SeverityWhen w : rule.severityWhen()) out.println("  " + w.severity().id() + " when " + w.when());
      if (!rule.severityRationale().isEmpty()) out.println("  why: " + rule.severityRationale());
      out.println("check:       " + i.check());
      out.println("params:" + (rule.rawParams().isEmpty() ? "      none" : ""));
      for (Map.Entry<String, Object> p : new TreeMap<>(rule.rawParams()).entrySet()) out.println("  " + p.getKey() + ": " + p.getValue());
      out.println("compliance:  " + (i.compliance().isEmpty() ? "none" : String.join(", ", i.compliance())));
      out.println("source:      " + rule.source());
      out.println();
      out.println(i.description());
      out.println();
      out.println("Remediation: " + i.remediation());
      if (!i.references().isEmpty()) {
        out.println();
        out.println("References:");
        i.references().forEach(r -> out.println("  " + r));
      }
      out.println();
      out.println("Example: accept it for one resource until a date (postern scan --suppressions FILE):");
      out.println("  suppressions:");
      out.println("    - rule: " + i.name());
      out.println("      resource: " + ("security-group".equals(i.resource()) ? "sg-0123456789abcdef0" : "RESOURCE-ID-OR-ARN"));
      out.println("      reason: why the risk is accepted, and until what");
      out.println("      expires: 2027-06-30");
      out.println("      ticket: SEC-123");
      out.flush();
      return ExitCode.OK.code;
    }
  }

  private static String write(Object node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return FORMATS.iterator();
    }
  }
}
