package dev.postern.report;

import dev.postern.model.ControlSummary;
import dev.postern.model.ControlChars;
import dev.postern.model.ScanResult;
import dev.postern.model.TrustMap;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The trust graph in Graphviz DOT ({@code dot -Tsvg}): tiers as clusters, the Internet and other
 * sources as nodes outside them, one edge per source and group labelled with the ports it allows;
 * edges behind a FAIL red. Each tier is a column. By default only what explains the findings is
 * drawn, at most {@value #MAX_NODES} nodes (a picture a person can read: a column of 60 boxes of five
 * lines is about 6,000 px high at dot's 96 dpi); {@code --graph all} draws everything.
 */
public final class DotReporter implements Reporter {
  static final int MAX_NODES = 60;

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    boolean all = o.graph().mode() == GraphScope.Mode.ALL;
    TrustPicture.Picture p = TrustPicture.picture(r, r.trustMap(), o.graph(), Integer.MAX_VALUE, all ? Integer.MAX_VALUE : MAX_NODES,
        "at most " + MAX_NODES + " nodes are drawn");
    TrustMap m = p.map();
    for (ControlSummary c : o.compliance().isPresent() ? ControlSummary.of(r, o.compliance()) : List.<ControlSummary>of()) {
      out.write("// " + ControlChars.oneLine(c.control()) + ": " + c.status() + " (" + c.fail() + " FAIL, " + c.pass() + " PASS, "
          + c.unknown() + " not evaluated)\n");
    }
    out.write("digraph postern {\n");
    String title = "postern " + r.toolVersion() + ": trust graph" + (r.generatedAt().isEmpty() ? "" : ", " + r.generatedAt());
    out.write("  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", label=" + q(p.note().isEmpty() ? title : title + "\n" + p.note())
        + ", labelloc=t];\n");
    out.write("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n");
    out.write("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (TrustMap.Node n : TrustPicture.sources(m)) {
      String shape = switch (n.kind()) {
        case INTERNET -> "doublecircle";
        case CIDR, PREFIX_LIST -> "ellipse";
        case GROUP -> "box";
      };
      out.write("  " + q(n.id()) + " [label=" + q(String.join("\n", TrustPicture.lines(n, p))) + ", shape=" + shape + "];\n");
    }
    for (Map.Entry<String, List<TrustMap.Node>> c : TrustPicture.clusters(m).entrySet()) {
      out.write("  subgraph " + q("cluster_" + c.getKey()) + " {\n");
      out.write("    label=" + q(c.getKey() + " tier") + ";\n");
      out.write("    style=dashed;\n");
      out.write("    rank=same;\n"); // a tier is a column: a chain of groups inside it stacks instead of growing the picture sideways
      for (TrustMap.Node n : c.getValue()) {
        out.write("    " + q(n.id()) + " [label=" + q(String.join("\n", TrustPicture.lines(n, p))) + "];\n");
      }
      out.write("  }\n");
    }
    var red = TrustPicture.failing(r, m);
    for (TrustMap.Edge e : m.edges()) {
      String style = red.contains(e)
          ? ", color=\"" + TrustPicture.RED + "\", fontcolor=\"" + TrustPicture.RED + "\", penwidth=2"
          : "";
      out.write("  " + q(e.from()) + " -> " + q(e.to()) + " [label=" + q(e.label()) + style + "];\n");
    }
    out.write("}\n");
  }

  /**
   * A DOT quoted string; a line break becomes DOT's centred {@code \n}, any other control or bidi
   * character is shown escaped.
   */
  static String q(String s) {
    String[] lines = s.replace("\r", "").split("\n", -1);
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) out.append("\\n");
      out.append(ControlChars.oneLine(lines[i]).replace("\\", "\\\\").replace("\"", "\\\""));
    }
    return out.append('"').toString();
  }
}
