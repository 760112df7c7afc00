package dev.postern.cli;

import dev.postern.model.BadInputException;
import dev.postern.model.RuleInfo;
import dev.postern.rules.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "The rules catalogue.", subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class})
public final class RulesCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;

  @Override
  public Integer call() {
    return new ListRules().print(parent.console.out(), Audit.rules(List.of()), "table");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules (table, markdown or json).")
  static final class ListRules implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, markdown or json")
    String format;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also load rules from DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Override
    public Integer call() {
      return print(rules.parent.console.out(), Audit.rules(ruleDirs), format);
    }

    int print(PrintWriter out, List<Rule> rules, String format) {
      switch (format) {
        case "table" -> {
          for (Rule r : rules) {
            RuleInfo i = r.info();
            out.printf("%-9s %-9s %-36s %s%s%n", i.id(), i.severity().id(), i.name(), i.title(), r.enabledByDefault() ? "" : " (opt-in)");
          }
        }
        case "markdown" -> {
          out.println("| Id | Name | Severity | Title | Compliance |");
          out.println("| --- | --- | --- | --- | --- |");
          for (Rule r : rules) {
            RuleInfo i = r.info();
            out.println("| " + i.id() + " | `" + i.name() + "` | " + i.severity().id() + " | " + i.title()
                + (r.enabledByDefault() ? "" : " (opt-in: `--enable-rule " + i.name() + "`)") + " | "
                + String.join(", ", i.compliance()) + " |");
          }
        }
        case "json" -> {
          out.println("[");
          for (int n = 0; n < rules.size(); n++) {
            RuleInfo i = rules.get(n).info();
            out.print("  {\"id\": " + q(i.id()) + ", \"name\": " + q(i.name()) + ", \"severity\": " + q(i.severity().id())
                + ", \"service\": " + q(i.service()) + ", \"resource\": " + q(i.resource()) + ", \"title\": " + q(i.title()) + "}");
            out.println(n + 1 < rules.size() ? "," : "");
          }
          out.println("]");
        }
        default -> throw new BadInputException("-o", "unknown format '" + format + "' (table, markdown or json)");
      }
      out.flush();
      return ExitCode.OK.code;
    }

    private static String q(String s) {
      return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show everything about one rule.")
  static final class ShowRule implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Parameters(paramLabel = "NAME|ID")
    String which;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also load rules from DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = rules.parent.console.out();
      Rule rule = Audit.rules(ruleDirs).stream()
          .filter(r -> r.name().equals(which) || r.info().id().equalsIgnoreCase(which)).findFirst()
          .orElseThrow(() -> new BadInputException(which, "no such rule (see 'postern rules list')"));
      RuleInfo i = rule.info();
      out.println(i.id() + "  " + i.name() + "  (" + i.severity().id() + ")");
      out.println(i.title());
      out.println();
      out.println("service:     " + i.service());
      out.println("resource:    " + i.resource());
      out.println("check:       " + i.check());
      for (Map.Entry<String, Object> p : rule.rawParams().entrySet()) out.println("  " + p.getKey() + ": " + p.getValue());
      out.println("compliance:  " + String.join(", ", i.compliance()));
      out.println();
      out.println(i.description());
      out.println();
      out.println("Remediation: " + i.remediation());
      if (!i.references().isEmpty()) {
        out.println();
        i.references().forEach(r -> out.println("  " + r));
      }
      out.println("source:      " + rule.source());
      out.flush();
      return ExitCode.OK.code;
    }
  }
}
