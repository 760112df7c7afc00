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
 */
public final class MermaidReporter implements Reporter {
  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    TrustMap m = r.trustMap();
    Map<String, String> ids = new HashMap<>();
    for (TrustMap.Node n : m.nodes()) ids.put(n.id(), "n" + ids.size());
    out.write("%% postern " + r.toolVersion().replace('\n', ' ') + (r.generatedAt().isEmpty() ? "" : ", generated " + r.generatedAt()) + "\n");
    for (ControlSummary c : o.compliance().isPresent() ? ControlSummary.of(r, o.compliance()) : List.<ControlSummary>of()) {
      out.write("%% " + ControlChars.oneLine(c.control()) + ": " + c.status() + " (" + c.fail() + " FAIL, " + c.pass() + " PASS, "
          + c.unknown() + " not evaluated)\n");
    }
    out.write("flowchart LR\n");
    if (m.nodes().isEmpty()) out.write("  empty[\"no security groups collected\"]\n");
    for (TrustMap.Node n : TrustPicture.sources(m)) {
      String label = label(TrustPicture.lines(n));
      out.write("  " + ids.get(n.id()) + (n.kind() == TrustMap.Kind.INTERNET ? "((" + label + "))" : "([" + label + "])") + "\n");
    }
    for (Map.Entry<String, List<TrustMap.Node>> c : TrustPicture.clusters(m).entrySet()) {
      out.write("  subgraph tier_" + c.getKey() + "[\"" + c.getKey() + " tier\"]\n");
      for (TrustMap.Node n : c.getValue()) out.write("    " + ids.get(n.id()) + "[" + label(TrustPicture.lines(n)) + "]\n");
      out.write("  end\n");
    }
    int index = 0;
    var failing = TrustPicture.failing(r, m);
    StringBuilder red = new StringBuilder();
    for (TrustMap.Edge e : m.edges()) {
      out.write("  " + ids.get(e.from()) + " -->|\"" + escape(e.label()) + "\"| " + ids.get(e.to()) + "\n");
      if (failing.contains(e)) red.append(red.length() == 0 ? "" : ",").append(index);
      index++;
    }
    if (red.length() > 0) out.write("  linkStyle " + red + " stroke:" + TrustPicture.RED + ",stroke-width:3px,color:" + TrustPicture.RED + "\n");
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
