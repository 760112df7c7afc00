package dev.postern.cli;

import dev.postern.model.BadInputException;
import dev.postern.report.ReportFormat;
import java.nio.file.Path;
import java.util.Optional;

/** {@code -o FORMAT[=PATH]}: a format, written to PATH or to stdout. */
record OutputSpec(ReportFormat format, Optional<Path> path) {
  static OutputSpec parse(String spec) {
    int eq = spec.indexOf('=');
    String name = eq < 0 ? spec : spec.substring(0, eq);
    ReportFormat f = ReportFormat.byId(name).orElseThrow(() -> new BadInputException("-o " + spec,
        "unknown output format '" + name + "' (known: " + ReportFormat.names() + ")"));
    if (eq >= 0 && spec.substring(eq + 1).isBlank()) {
      throw new BadInputException("-o " + spec, "empty output path");
    }
    return new OutputSpec(f, eq < 0 ? Optional.empty() : Optional.of(Path.of(spec.substring(eq + 1))));
  }
}
