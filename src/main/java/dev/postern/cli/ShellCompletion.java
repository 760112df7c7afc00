package dev.postern.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Completion scripts, all from the picocli model: what `completion` prints and what the distribution installs. */
final class ShellCompletion {
  private ShellCompletion() {}

  /** picocli's script: bash, and zsh through bashcompinit (it detects zsh itself). */
  static String bash(CommandLine root) {
    return AutoComplete.bash("postern", root);
  }

  /**
   * The file zsh autoloads from a directory on $fpath (named {@code _postern}): picocli's script
   * run through zsh's bashcompinit, then asked for the word being completed.
   */
  static String zshFunction(CommandLine root) {
    return "#compdef postern\n"
        + "# zsh completion for postern: picocli's bash completion run through zsh's bashcompinit.\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"
        + bash(root)
        + "\n_bash_complete -F _complete_postern\n";
  }

  /** A fish script: subcommands, options (with their values where they are a fixed set) and descriptions. */
  static String fish(CommandLine root) {
    StringBuilder b = new StringBuilder();
    b.append("# fish completion for postern, generated from its command line model.\n");
    b.append("complete -c postern -e\n");
    List<CommandSpec> all = new ArrayList<>();
    collect(root.getCommandSpec(), all);
    for (CommandSpec c : all) {
      List<String> subs = visibleSubcommands(c);
      if (!subs.isEmpty()) b.append("set -g ").append(var(c)).append(' ').append(String.join(" ", subs)).append('\n');
    }
    b.append("""
        # True when the subcommands typed so far are exactly the arguments.
        function __postern_at
            set -l node __postern_subs
            set -l path
            for t in (commandline -opc)[2..-1]
                string match -qr '^[a-z][a-z-]*$' -- $t; or continue
                if set -q $node; and contains -- $t $$node
                    set node {$node}_(string replace -a -- - _ $t)
                    set -a path $t
                end
            end
            test "$path" = "$argv"
        end
        """);
    for (CommandSpec c : all) {
      String cond = "-n '__postern_at" + path(c) + "'";
      for (Map.Entry<String, CommandLine> e : c.subcommands().entrySet()) {
        CommandSpec sub = e.getValue().getCommandSpec();
        if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) continue;
        b.append("complete -c postern ").append(cond).append(" -f -a ").append(e.getKey())
            .append(" -d ").append(quote(first(sub.usageMessage().description()))).append('\n');
      }
      for (OptionSpec o : c.options()) {
        if (o.hidden()) continue;
        b.append("complete -c postern ").append(cond);
        for (String name : o.names()) {
          if (name.startsWith("--")) b.append(" -l ").append(name.substring(2));
          else if (name.length() == 2) b.append(" -s ").append(name.substring(1));
          else b.append(" -o ").append(name.substring(1));
        }
        if (o.arity().max() > 0 && !o.type().equals(boolean.class) && !o.type().equals(Boolean.class)) {
          b.append(values(o));
        }
        b.append(" -d ").append(quote(first(o.description()))).append('\n');
      }
      for (PositionalParamSpec p : c.positionalParameters()) {
        if (p.hidden()) continue;
        String v = values(p);
        if (!v.isEmpty()) b.append("complete -c postern ").append(cond).append(v).append('\n');
      }
    }
    return b.toString();
  }

  private static String values(ArgSpec a) {
    List<String> candidates = new ArrayList<>();
    if (a.completionCandidates() != null) a.completionCandidates().forEach(candidates::add);
    return candidates.isEmpty() ? " -r" : " -x -a " + quote(String.join(" ", candidates));
  }

  private static void collect(CommandSpec c, List<CommandSpec> out) {
    out.add(c);
    for (Map.Entry<String, CommandLine> e : c.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (e.getKey().equals(sub.name()) && !sub.usageMessage().hidden()) collect(sub, out);
    }
  }

  private static List<String> visibleSubcommands(CommandSpec c) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : c.subcommands().entrySet()) {
      if (!e.getValue().getCommandSpec().usageMessage().hidden()) names.add(e.getKey());
    }
    return names;
  }

  /** " scan" for postern scan, " rules list" for postern rules list, "" for postern. */
  private static String path(CommandSpec c) {
    String q = c.qualifiedName(" ");
    int space = q.indexOf(' ');
    return space < 0 ? "" : q.substring(space);
  }

  private static String var(CommandSpec c) {
    return ("__postern_subs" + path(c)).replace(' ', '_').replace('-', '_');
  }

  private static String first(String[] description) {
    if (description.length == 0) return "";
    String d = description[0].replaceAll("%n", " ").replaceAll("\\s+", " ").trim();
    int stop = d.indexOf(". ");
    return stop > 0 ? d.substring(0, stop) : d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
