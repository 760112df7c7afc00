package dev.postern.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.BadInputException;
import dev.postern.model.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/** {@code postern diff} output: new, resolved, still open and not rescanned findings as table, json or markdown. */
public final class DiffReporter {
  public static final List<String> FORMATS = List.of("table", "json", "markdown");

  private DiffReporter() {}

  public static void write(FindingDiff d, String format, String older, String newer, Writer out) throws IOException {
    write(d, format, older, newer, 100, false, out);
  }

  /** As {@link #write(FindingDiff, String, String, String, Writer)}; the table {@code width} columns wide, coloured when {@code colour}. */
  public static void write(FindingDiff d, String format, String older, String newer, int width, boolean colour, Writer out) throws IOException {
    Map<String, List<Finding>> parts = new LinkedHashMap<>();
    parts.put("new", d.added());
    parts.put("resolved", d.resolved());
    parts.put("stillOpen", d.stillOpen());
    parts.put("worse", d.worse());
    parts.put("notRescanned", d.notRescanned());
    switch (format) {
      case "table" -> table(parts, older, newer, width, colour, out);
      case "markdown" -> markdown(parts, older, newer, out);
      case "json" -> json(parts, older, newer, out);
      default -> throw new BadInputException("-o", "unknown format '" + format + "' (table, json or markdown)");
    }
  }

  private static String title(String key) {
    return switch (key) {
      case "new" -> "New";
      case "resolved" -> "Resolved";
      case "stillOpen" -> "Still open";
      case "worse" -> "Worse (still open, with new evidence)";
      default -> "Not rescanned (not counted resolved)";
    };
  }

  private static void table(Map<String, List<Finding>> parts, String older, String newer, int width, boolean colour, Writer out) throws IOException {
    for (String l : TextLayout.hanging("postern diff " + TableReporter.text(older) + " → " + TableReporter.text(newer), "", "  ", width)) {
      out.write(l + "\n");
    }
    for (Map.Entry<String, List<Finding>> p : parts.entrySet()) {
      out.write("\n" + Ansi.style(colour, Ansi.BOLD, title(p.getKey()) + " (" + p.getValue().size() + ")") + "\n");
      if (p.getValue().isEmpty()) continue;
      TextTable t = new TextTable("SEVERITY", "RULE", "RESOURCE [SCOPE] ID").keep(1);
      for (Finding f : p.getValue()) {
        t.row(colour ? Ansi.finding(f) : "", Findings.severityOrStatus(f), f.rule().name(), TableReporter.text(Findings.resource(f))
            + "  [" + TableReporter.text(Findings.scope(f.resource().scope())) + "]  " + f.id());
      }
      t.write(out, "  ", width, true);
    }
    out.write("\n" + summary(parts) + "\n");
  }

  private static void markdown(Map<String, List<Finding>> parts, String older, String newer, Writer out) throws IOException {
    out.write("## postern diff\n\n`" + MarkdownReporter.cell(older) + "` → `" + MarkdownReporter.cell(newer) + "`: " + summary(parts) + "\n");
    for (Map.Entry<String, List<Finding>> p : parts.entrySet()) {
      out.write("\n### " + title(p.getKey()) + " (" + p.getValue().size() + ")\n\n");
      if (p.getValue().isEmpty()) {
        out.write("None.\n");
        continue;
      }
      out.write("| Severity | Rule | Resource | Scope | Finding | Id |\n| --- | --- | --- | --- | --- | --- |\n");
      for (Finding f : p.getValue()) {
        out.write("| " + Findings.severityOrStatus(f) + " | `" + f.rule().name() + "` | " + MarkdownReporter.cell(Findings.resource(f)) + " | "
            + MarkdownReporter.cell(Findings.scope(f.resource().scope())) + " | " + MarkdownReporter.cell(f.message()) + " | `" + f.id() + "` |\n");
      }
    }
  }

  private static void json(Map<String, List<Finding>> parts, String older, String newer, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("oldReport", older);
      g.writeStringField("newReport", newer);
      g.writeObjectFieldStart("summary");
      for (Map.Entry<String, List<Finding>> p : parts.entrySet()) g.writeNumberField(p.getKey(), p.getValue().size());
      g.writeEndObject();
      for (Map.Entry<String, List<Finding>> p : parts.entrySet()) {
        g.writeArrayFieldStart(p.getKey());
        for (Finding f : p.getValue()) JsonReporter.writeFinding(g, f);
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static String summary(Map<String, List<Finding>> parts) {
    return parts.get("new").size() + " new, " + parts.get("resolved").size() + " resolved, " + parts.get("stillOpen").size()
        + " still open (" + parts.get("worse").size() + " worse), " + parts.get("notRescanned").size() + " not rescanned";
  }
}
