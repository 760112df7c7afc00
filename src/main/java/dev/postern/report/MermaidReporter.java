package dev.postern.report;

import dev.postern.model.ControlSummary;
import dev.postern.model.ControlChars;
import dev.postern.model.ScanResult;
import dev.postern.model.TrustMap;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust graph as a Mermaid flowchart (GitHub renders it inside a {@code ```mermaid} block):
 * tiers as subgraphs, the Internet as a circle, edges labelled with ports, edges behind a FAIL red.
 * Mermaid refuses a diagram of more than {@value #MAX_EDGES} edges or {@value #MAX_TEXT} characters
 * (its defaults, {@code maxEdges} and {@code maxTextSize}), so what explains the findings is drawn
 * within them, most severe first, and a note in the diagram says what was left out.
 */
public final class MermaidReporter implements Reporter {
  static final int MAX_EDGES = 500;
  static final int MAX_TEXT = 50_000;

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    int edges = MAX_EDGES;
    int nodes = Integer.MAX_VALUE;
    String text;
    while (true) {
      TrustPicture.Picture p = TrustPicture.picture(r, r.trustMap(), o.graph(), edges, nodes,
          "Mermaid draws at most " + MAX_EDGES + " edges and " + MAX_TEXT + " characters");
      text = render(r, o, p);
      if (text.length() <= MAX_TEXT || p.map().nodes().isEmpty()) break;
      // Too long: fewer nodes and edges, in proportion to the excess (at least a fifth fewer).
      double f = Math.min(0.8, 0.9 * MAX_TEXT / text.length());
      edges = (int) (p.map().edges().size() * f);
      nodes = (int) (p.map().nodes().size() * f);
    }
    out.write(text);
  }

  private static String render(ScanResult r, ReportOptions o, TrustPicture.Picture p) {
    TrustMap m = p.map();
    StringBuilder out = new StringBuilder();
    Map<String, String> ids = new HashMap<>();
    for (TrustMap.Node n : m.nodes()) ids.put(n.id(), "n" + ids.size());
    out.append("%% postern " + r.toolVersion().replace('\n', ' ') + (r.generatedAt().isEmpty() ? "" : ", generated " + r.generatedAt()) + "\n");
    for (ControlSummary c : o.compliance().isPresent() ? ControlSummary.of(r, o.compliance()) : List.<ControlSummary>of()) {
      out.append("%% " + ControlChars.oneLine(c.control()) + ": " + c.status() + " (" + c.fail() + " FAIL, " + c.pass() + " PASS, "
          + c.unknown() + " not evaluated)\n");
    }
    out.append("flowchart LR\n");
    if (r.trustMap().nodes().isEmpty()) out.append("  empty[\"no security groups collected\"]\n");
    if (!p.note().isEmpty()) out.append("  note[\"" + escape(p.note()) + "\"]\n");
    for (TrustMap.Node n : TrustPicture.sources(m)) {
      String label = label(TrustPicture.lines(n, p));
      out.append("  " + ids.get(n.id()) + (n.kind() == TrustMap.Kind.INTERNET ? "((" + label + "))" : "([" + label + "])") + "\n");
    }
    for (Map.Entry<String, List<TrustMap.Node>> c : TrustPicture.clusters(m).entrySet()) {
      out.append("  subgraph tier_" + c.getKey() + "[\"" + c.getKey() + " tier\"]\n");
      for (TrustMap.Node n : c.getValue()) out.append("    " + ids.get(n.id()) + "[" + label(TrustPicture.lines(n, p)) + "]\n");
      out.append("  end\n");
    }
    int index = 0;
    var failing = TrustPicture.failing(r, m);
    StringBuilder red = new StringBuilder();
    for (TrustMap.Edge e : m.edges()) {
      out.append("  " + ids.get(e.from()) + " -->|\"" + escape(e.label()) + "\"| " + ids.get(e.to()) + "\n");
      if (failing.contains(e)) red.append(red.length() == 0 ? "" : ",").append(index);
      index++;
    }
    if (red.length() > 0) out.append("  linkStyle " + red + " stroke:" + TrustPicture.RED + ",stroke-width:3px,color:" + TrustPicture.RED + "\n");
    return out.toString();
  }
  private static String label(List<String> lines) {
    return "\"" + String.join("<br/>", lines.stream().map(MermaidReporter::escape).toList()) + "\"";
  }

  /** Mermaid entity codes for what would end a label or be read as markup; control and bidi characters shown escaped. */
  static String escape(String s) {
    return ControlChars.oneLine(s).replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
        .replace("|", "#124;");
  }
}
