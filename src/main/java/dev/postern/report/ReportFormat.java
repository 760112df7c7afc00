package dev.postern.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Output formats by name: {@code -o table}, {@code -o json=report.json}, {@code -o sarif=postern.sarif}. */
public enum ReportFormat {
  TABLE("table", TableReporter::new),
  JSON("json", JsonReporter::new),
  SARIF("sarif", SarifReporter::new),
  JUNIT("junit", JunitReporter::new),
  MARKDOWN("markdown", MarkdownReporter::new),
  MARKDOWN_FULL("markdown-full", () -> new MarkdownReporter(true)),
  DOT("dot", DotReporter::new),
  MERMAID("mermaid", MermaidReporter::new),
  HTML("html", () -> new HtmlReporter(java.util.List.of()));

  private final String id;
  private final Supplier<Reporter> factory;

  ReportFormat(String id, Supplier<Reporter> factory) {
    this.id = id;
    this.factory = factory;
  }

  public String id() {
    return id;
  }

  /** DOT and Mermaid draw the trust graph: the scan must build its picture, and --graph chooses its part. */
  public boolean drawsTrustGraph() {
    return this == DOT || this == MERMAID;
  }

  /** The formats that read the scan's trust map: the pictures, and the HTML report's per-finding pictures. */
  public boolean needsTrustMap() {
    return drawsTrustGraph() || this == HTML;
  }

  public Reporter reporter() {
    return factory.get();
  }

  public static Optional<ReportFormat> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
  }
}
