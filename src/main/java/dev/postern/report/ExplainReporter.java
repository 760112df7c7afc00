package dev.postern.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.BadInputException;
import dev.postern.model.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postern explain} output: text for a terminal (laid out to its width, chains folded one
 * hop a line when they do not fit), JSON, or the chains as a DOT or Mermaid graph. Resource data
 * reaches a terminal only through {@link TableReporter#text}.
 */
public final class ExplainReporter {
  public static final List<String> FORMATS = List.of("text", "json", "dot", "mermaid");

  private ExplainReporter() {}

  public static void write(ExplainView v, String format, int width, boolean colour, Writer out) throws IOException {
    switch (format) {
      case "text", "table" -> text(v, width, colour, out);
      case "json" -> json(v, out);
      case "dot" -> dot(v, out);
      case "mermaid" -> mermaid(v, out);
      default -> throw new BadInputException("-o " + format, "unknown format (text, json, dot or mermaid)");
    }
  }

  /** The chain on one line, as the text report shows it when it fits. */
  public static String oneLine(ExplainView v, ExplainView.Chain c) {
    StringBuilder sb = new StringBuilder("Internet");
    for (ExplainView.Hop h : c.hops()) sb.append(" → ").append(hop(h));
    return sb.append(" (").append(v.resource()).append(")  — ").append(verdict(c)).toString();
  }

  private static String hop(ExplainView.Hop h) {
    return h.group() + " " + h.ports() + " [" + h.tier() + "]";
  }

  private static String verdict(ExplainView.Chain c) {
    return c.verdict() == ExplainView.Verdict.ENTRY_NOT_EXPOSED
        ? "entry not reachable: nothing attached to " + c.hops().get(0).group() + " faces the Internet"
        : c.verdict().text;
  }

  private static void text(ExplainView v, int width, boolean colour, Writer out) throws IOException {
    Lines w = new Lines(out, width);
    w.wrap(Ansi.style(colour, Ansi.BOLD, TableReporter.text(v.title())), "", "  ");
    if (v.groups().isEmpty()) {
      w.wrap("  no security group of it was collected: nothing to explain", "  ", "    ");
    } else {
      out.write("\n");
      w.wrap("Security groups:", "", "  ");
      for (ExplainView.Group g : v.groups()) {
        w.wrap(TableReporter.text(g.label() + "  [" + g.tier() + "]  " + g.attachments()), "  ", "      ");
      }
      out.write("\n");
      w.wrap("Who may reach it" + (v.port() > 0 ? " (port " + v.port() + " marked *)" : "") + ":", "", "  ");
      for (ExplainView.Ingress i : v.ingress()) {
        if (i.ports().isEmpty()) {
          w.wrap(TableReporter.text(i.group() + ": nothing (no ingress rules)"), "  ", "      ");
        } else {
          String mark = i.matchesPort() ? "* " : "  ";
          w.wrap(TableReporter.text(i.group() + " admits " + i.ports() + " from " + i.from()), "  " + mark, "      ");
        }
      }
      out.write("\n");
      w.wrap("Chains from the Internet" + (v.port() > 0 ? " to port " + v.port() : "") + " (at most " + v.maxHops() + " groups):", "", "  ");
      if (v.chains().isEmpty()) w.wrap("none: the Internet cannot reach it through security groups", "  ", "    ");
      for (ExplainView.Chain c : v.chains()) chain(v, c, w, colour);
      if (!v.balancerLegs().isEmpty()) {
        out.write("\n");
        w.wrap("Through internet-facing load balancers (listener → target group → target):", "", "  ");
        for (ExplainView.BalancerLeg l : v.balancerLegs()) {
          String text = l.hops().isEmpty() ? l.outcome() + ": " + l.reason()
              : "Internet → " + l.hops() + "  — " + (l.outcome().equals("blocked") ? "blocked at the target's security group: " : l.outcome() + ": ")
                  + l.reason();
          w.wrap(TableReporter.text(text), "  ", "      ");
        }
      }
    }
    out.write("\n");
    if (v.findings().isEmpty()) {
      w.wrap("Findings on it and its security groups: none", "", "  ");
    } else {
      w.wrap("Findings on it and its security groups (" + v.findings().size() + "):", "", "  ");
      // As the scan table: severity, rule and resource (shortened to fit) on a line, the message beneath.
      int ruleWidth = Math.min(34, v.findings().stream().mapToInt(f -> f.rule().name().length()).max().orElse(10));
      for (Finding f : v.findings()) {
        String sev = Ansi.style(colour, Ansi.finding(f), TextLayout.pad(Findings.severityOrStatus(f), 8));
        String head = "  " + sev + "  " + TextLayout.pad(TextLayout.ellipsize(f.rule().name(), ruleWidth), ruleWidth) + "  ";
        out.write(head + TextLayout.ellipsize(TableReporter.text(Findings.resource(f)), Math.max(8, width - TextLayout.width(head))) + "\n");
        w.wrap(TableReporter.text(f.message()), "            ", "            ");
      }
    }
    if (v.notCollected() > 0) {
      out.write("\n");
      w.wrap("Incomplete: " + v.notCollected() + " kind(s) of resource were not collected; chains through them are not shown.", "", "  ");
    }
  }

  /** A chain, then every layer of the network path into its first group: which one stops it, if any. */
  private static void chain(ExplainView v, ExplainView.Chain c, Lines w, boolean colour) throws IOException {
    chainLine(v, c, w, colour);
    if (c.network().isEmpty()) return;
    for (ExplainView.Layer l : c.network()) {
      String tone = l.outcome().equals("blocked") ? Ansi.GREEN : l.outcome().equals("open") ? "" : "";
      for (String line : TextLayout.hanging(TableReporter.text(pad(l.name()) + " " + pad7(l.outcome()) + " " + l.element()), "      ", "                            ", w.width)) {
        w.out.write(Ansi.style(colour, tone, line) + "\n");
      }
    }
  }

  private static String pad(String s) {
    return s.length() >= 15 ? s : s + " ".repeat(15 - s.length());
  }

  private static String pad7(String s) {
    return s.length() >= 7 ? s : s + " ".repeat(7 - s.length());
  }

  /** A chain on one line when it fits, else folded: one hop a line, then the verdict. */
  private static void chainLine(ExplainView v, ExplainView.Chain c, Lines w, boolean colour) throws IOException {
    String tone = c.verdict().open() ? Ansi.RED : c.verdict() == ExplainView.Verdict.THROUGH_LOAD_BALANCER ? Ansi.GREEN : "";
    String line = TableReporter.text(oneLine(v, c));
    if (TextLayout.width(line) + 2 <= w.width) {
      String head = line.substring(0, line.lastIndexOf("  — ") + 2);
      w.out.write("  " + head + Ansi.style(colour, tone, line.substring(head.length())) + "\n");
      return;
    }
    w.wrap("Internet", "  ", "      ");
    List<ExplainView.Hop> hops = c.hops();
    for (int i = 0; i < hops.size(); i++) {
      String text = hop(hops.get(i)) + (i == hops.size() - 1 ? " (" + v.resource() + ")" : "");
      w.wrap(TableReporter.text(text), "    → ", "        ");
    }
    for (String l : TextLayout.hanging(TableReporter.text(verdict(c)), "    — ", "      ", w.width)) {
      w.out.write(Ansi.style(colour, tone, l) + "\n");
    }
  }

  /** Writes lines wrapped to a width with a hanging indent. */
  private record Lines(Writer out, int width) {
    void wrap(String text, String first, String next) throws IOException {
      for (String l : TextLayout.hanging(text, first, next, width)) out.write(l + "\n");
    }
  }

  private static void json(ExplainView v, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("resource", v.resource());
      g.writeStringField("title", v.title());
      if (v.port() > 0) g.writeNumberField("port", v.port());
      g.writeArrayFieldStart("securityGroups");
      for (ExplainView.Group sg : v.groups()) {
        g.writeStartObject();
        g.writeStringField("id", sg.id());
        g.writeStringField("label", sg.label());
        g.writeStringField("tier", sg.tier());
        g.writeStringField("attachments", sg.attachments());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("ingress");
      for (ExplainView.Ingress i : v.ingress()) {
        if (i.ports().isEmpty()) continue;
        g.writeStartObject();
        g.writeStringField("group", i.group());
        g.writeStringField("ports", i.ports());
        g.writeStringField("from", i.from());
        g.writeBooleanField("matchesPort", i.matchesPort());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("maxHops", v.maxHops());
      g.writeArrayFieldStart("chains");
      for (ExplainView.Chain c : v.chains()) {
        g.writeStartObject();
        g.writeArrayFieldStart("hops");
        for (ExplainView.Hop h : c.hops()) {
          g.writeStartObject();
          g.writeStringField("group", h.group());
          g.writeStringField("ports", h.ports());
          g.writeStringField("tier", h.tier());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("verdict", c.verdict().id);
        g.writeStringField("text", oneLine(v, c));
        if (!c.network().isEmpty()) {
          g.writeArrayFieldStart("network");
          for (ExplainView.Layer l : c.network()) {
            g.writeStartObject();
            g.writeStringField("layer", l.name());
            g.writeStringField("outcome", l.outcome());
            g.writeStringField("element", l.element());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!v.balancerLegs().isEmpty()) {
        g.writeArrayFieldStart("loadBalancerLegs");
        for (ExplainView.BalancerLeg l : v.balancerLegs()) {
          g.writeStartObject();
          g.writeStringField("hops", l.hops());
          g.writeStringField("outcome", l.outcome());
          g.writeStringField("reason", l.reason());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("findings");
      for (Finding f : v.findings()) JsonReporter.writeFinding(g, f);
      g.writeEndArray();
      g.writeBooleanField("complete", v.notCollected() == 0);
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** Nodes (the Internet, each group of a chain, the resource) and the chains' edges, each once; edges of an open chain red. */
  private record Picture(Map<String, String> nodes, Map<String, String> edgeLabels, Set<String> red) {
    static Picture of(ExplainView v) {
      Map<String, String> nodes = new LinkedHashMap<>();
      Map<String, String> edges = new LinkedHashMap<>();
      Set<String> red = new LinkedHashSet<>();
      nodes.put("internet", "Internet");
      Map<String, String> labels = new LinkedHashMap<>();
      for (ExplainView.Group g : v.groups()) labels.put(g.id(), g.label() + "\n[" + g.tier() + "]");
      for (ExplainView.Chain c : v.chains()) {
        String from = "internet";
        for (ExplainView.Hop h : c.hops()) {
          nodes.putIfAbsent(h.group(), labels.getOrDefault(h.group(), h.group() + "\n[" + h.tier() + "]"));
          String key = from + "\u0000" + h.group();
          edges.merge(key, h.ports(), (a, b) -> a.equals(b) || List.of(a.split(", ")).contains(b) ? a : a + ", " + b);
          if (c.verdict().open()) red.add(key);
          from = h.group();
        }
        nodes.putIfAbsent("resource", v.resource());
        edges.putIfAbsent(from + "\u0000resource", "");
      }
      if (v.chains().isEmpty()) nodes.put("resource", v.resource());
      return new Picture(nodes, edges, red);
    }

    List<String[]> edgeList() {
      List<String[]> out = new ArrayList<>();
      for (Map.Entry<String, String> e : edgeLabels.entrySet()) {
        String[] ends = e.getKey().split("\u0000", 2);
        out.add(new String[] {ends[0], ends[1], e.getValue(), red.contains(e.getKey()) ? "red" : ""});
      }
      return out;
    }
  }

  private static void dot(ExplainView v, Writer out) throws IOException {
    Picture p = Picture.of(v);
    out.write("digraph explain {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for (Map.Entry<String, String> n : p.nodes().entrySet()) {
      String shape = n.getKey().equals("internet") ? ", shape=circle" : n.getKey().equals("resource") ? ", shape=cylinder" : "";
      out.write("  " + DotReporter.q(n.getKey()) + " [label=" + DotReporter.q(n.getValue()) + shape + "];\n");
    }
    for (String[] e : p.edgeList()) {
      String style = e[3].isEmpty() ? "" : ", color=\"" + TrustPicture.RED + "\", fontcolor=\"" + TrustPicture.RED + "\", penwidth=2";
      out.write("  " + DotReporter.q(e[0]) + " -> " + DotReporter.q(e[1]) + " [label=" + DotReporter.q(e[2]) + style
          + (e[1].equals("resource") ? ", style=dashed" : "") + "];\n");
    }
    out.write("}\n");
  }

  private static void mermaid(ExplainView v, Writer out) throws IOException {
    Picture p = Picture.of(v);
    Map<String, String> ids = new LinkedHashMap<>();
    for (String k : p.nodes().keySet()) ids.put(k, "n" + ids.size());
    out.write("flowchart LR\n");
    for (Map.Entry<String, String> n : p.nodes().entrySet()) {
      String label = "\"" + String.join("<br/>", List.of(n.getValue().split("\n")).stream().map(MermaidReporter::escape).toList()) + "\"";
      String node = n.getKey().equals("internet") ? "((" + label + "))" : n.getKey().equals("resource") ? "[(" + label + ")]" : "[" + label + "]";
      out.write("  " + ids.get(n.getKey()) + node + "\n");
    }
    StringBuilder red = new StringBuilder();
    int index = 0;
    for (String[] e : p.edgeList()) {
      String arrow = e[1].equals("resource") ? " -.-> " : e[2].isEmpty() ? " --> " : " -->|\"" + MermaidReporter.escape(e[2]) + "\"| ";
      out.write("  " + ids.get(e[0]) + arrow + ids.get(e[1]) + "\n");
      if (!e[3].isEmpty()) red.append(red.length() == 0 ? "" : ",").append(index);
      index++;
    }
    if (red.length() > 0) out.write("  linkStyle " + red + " stroke:" + TrustPicture.RED + ",stroke-width:3px,color:" + TrustPicture.RED + "\n");
  }
}
