package dev.postern.cli;

import picocli.CommandLine.Option;

/**
 * {@code --color=auto|always|never}, shared by the commands that print to a terminal. auto colours
 * when stdout is a terminal, {@code NO_COLOR} is unset or empty and {@code TERM} is not
 * {@code dumb}; always and never are the user's word, which wins over {@code NO_COLOR} (as
 * no-color.org asks of a command-line flag).
 */
final class ColorOption {
  enum When { AUTO, ALWAYS, NEVER }

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour the output: auto (a terminal, no NO_COLOR, TERM not dumb), always or never (default: auto).")
  When when = When.AUTO;

  boolean on(Console console) {
    return switch (when) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> console.colorAllowed();
    };
  }
}
