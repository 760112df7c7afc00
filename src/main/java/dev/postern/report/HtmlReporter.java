package dev.postern.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.postern.model.CollectionError;
import dev.postern.model.ControlChars;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code -o html=FILE}: one self-contained page (no request leaves it: Tabulator's script and
 * styles are inlined from its WebJar, the pictures are inline SVG) under a strict Content Security
 * Policy ({@code default-src 'none'}, the inline script and style allowed by their SHA-256 hashes).
 * The page's frame is a Mustache template (HTML-escaped); the findings, charts, pictures and data
 * stores go in as one JSON block that the page's own script renders, so that 50,000 findings stay
 * fast (Tabulator draws only the rows in view). Same result, same bytes.
 */
public final class HtmlReporter implements Reporter {
  private static final String WEBJAR = "META-INF/resources/webjars/tabulator-tables/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/tabulator-tables/pom.properties";

  /** A data store and what {@code postern explain} says of it. */
  public record Store(String id, String arn, Scope scope, ExplainView view) {}

  private final List<Store> stores;

  public HtmlReporter(List<Store> stores) {
    this.stores = List.copyOf(stores);
  }

  @Override
  public void write(ScanResult r, ReportOptions o, Writer out) throws IOException {
    String version = tabulatorVersion();
    String tabulatorJs = resource(WEBJAR + version + "/dist/js/tabulator.min.js");
    String appJs = resource("postern/html/report.js");
    String css = resource(WEBJAR + version + "/dist/css/tabulator.min.css") + "\n" + resource("postern/html/report.css");
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("csp", "default-src 'none'; script-src " + hash(tabulatorJs) + " " + hash(appJs) + "; style-src " + hash(css)
        + "; img-src data:; base-uri 'none'; form-action 'none'");
    page.put("css", css);
    page.put("tabulatorJs", tabulatorJs);
    page.put("appJs", appJs);
    page.put("tabulatorVersion", version);
    page.put("data", data(r, o));
    header(page, r, o);
    Mustache m = new DefaultMustacheFactory("postern/html").compile("report.mustache");
    m.execute(out, page);
    out.flush();
  }

  private static void header(Map<String, Object> page, ScanResult r, ReportOptions o) {
    page.put("toolVersion", ControlChars.oneLine(r.toolVersion()));
    page.put("generatedAt", r.generatedAt().isEmpty() ? "unknown" : ControlChars.oneLine(r.generatedAt()));
    page.put("accounts", ControlChars.oneLine(String.join(", ", r.scopes().stream().map(Scope::account).filter(a -> !a.isEmpty()).distinct().toList())));
    page.put("regions", ControlChars.oneLine(String.join(", ", r.scopes().stream().map(Scope::region).distinct().sorted().toList())));
    page.put("complete", r.complete());
    List<Map<String, String>> errors = new ArrayList<>();
    for (CollectionError e : r.errors()) {
      errors.add(Map.of("text", ControlChars.oneLine(e.service() + " " + e.operation() + " in " + Findings.scope(new Scope(e.account(), e.region())) + ": "
          + e.code() + (e.message().isEmpty() ? "" : ": " + e.message()))));
    }
    page.put("errors", errors);
    page.put("errorCount", errors.size());
    o.gate().ifPresent(g -> {
      page.put("gate", true);
      page.put("exitCode", g.exitCode());
      page.put("verdict", ControlChars.oneLine(g.reason()));
      page.put("verdictClass", g.exitCode() == 0 ? "ok" : g.exitCode() == 5 ? "warn" : "bad");
    });
    page.put("fail", r.count(Status.FAIL));
    page.put("pass", r.count(Status.PASS));
    page.put("unknown", r.count(Status.UNKNOWN));
    page.put("suppressed", r.count(Status.SUPPRESSED));
    page.put("rules", r.rulesEvaluated());
  }

  /** The page's data as JSON, with every {@code <} escaped so that nothing in it can close the script block. */
  String data(ScanResult r, ReportOptions o) throws IOException {
    StringWriter w = new StringWriter();
    HtmlPictures pictures = new HtmlPictures(r.trustMap(), stores);
    Map<String, Integer> pictureIds = new HashMap<>();
    List<HtmlPictures.Picture> unique = new ArrayList<>();
    try (JsonGenerator g = shown(new JsonFactory().createGenerator(w))) {
      g.writeStartObject();
      List<Finding> listed = r.findings().stream().filter(f -> f.status().open() || f.status() == Status.UNKNOWN || o.showPass()).toList();
      g.writeArrayFieldStart("findings");
      for (Finding f : listed) finding(g, f, picture(pictures.of(f), pictureIds, unique));
      g.writeEndArray();
      g.writeArrayFieldStart("stores");
      Map<String, List<String>> findingsOf = new HashMap<>();
      for (Finding f : listed) {
        findingsOf.computeIfAbsent(f.resource().arn(), k -> new ArrayList<>()).add(f.id());
        if (!f.resource().arn().equals(f.resource().id())) findingsOf.computeIfAbsent(f.resource().id(), k -> new ArrayList<>()).add(f.id());
      }
      for (Store s : stores) {
        List<String> ids = findingsOf.getOrDefault(s.arn().isEmpty() ? s.id() : s.arn(), List.of());
        store(g, s, picture(pictures.of(s), pictureIds, unique), ids);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("pictures");
      for (HtmlPictures.Picture p : unique) p.write(g);
      g.writeEndArray();
      charts(g, r);
      g.writeEndObject();
    }
    return w.toString().replace("<", "\\u003c");
  }

  /**
   * Every string as the other human-readable reports show it: a control or bidirectional character
   * (from a resource's name or tag, anyone's text) escaped as {@code \x1b}, never raw.
   */
  private static JsonGenerator shown(JsonGenerator g) {
    return new com.fasterxml.jackson.core.util.JsonGeneratorDelegate(g, false) {
      @Override
      public void writeString(String text) throws IOException {
        super.writeString(ControlChars.keepingLineBreaks(text));
      }

      @Override
      public void writeStringField(String field, String text) throws IOException {
        writeFieldName(field);
        writeString(text);
      }
    };
  }

  /** The picture's index in the page's list, each distinct picture once; -1 for none. */
  private static int picture(HtmlPictures.Picture p, Map<String, Integer> ids, List<HtmlPictures.Picture> unique) throws IOException {
    if (p.isEmpty()) return -1;
    StringWriter key = new StringWriter();
    try (JsonGenerator g = shown(new JsonFactory().createGenerator(key))) {
      p.write(g);
    }
    return ids.computeIfAbsent(key.toString(), k -> {
      unique.add(p);
      return unique.size() - 1;
    });
  }

  private static void finding(JsonGenerator g, Finding f, int picture) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("status", f.status().name());
    g.writeStringField("rule", f.rule().name());
    g.writeStringField("ruleId", f.rule().id());
    g.writeStringField("title", f.rule().title());
    g.writeStringField("type", f.resource().type());
    g.writeStringField("resource", f.resource().id());
    g.writeStringField("name", f.resource().name().equals(f.resource().id()) ? "" : f.resource().name());
    g.writeStringField("account", f.resource().scope().account());
    g.writeStringField("region", f.resource().scope().region());
    g.writeStringField("message", f.message());
    g.writeArrayFieldStart("evidence");
    if (f.evidence().size() > 1) {
      for (Evidence e : f.evidence()) {
        g.writeStartObject();
        g.writeStringField("detail", e.detail());
        g.writeStringField("message", e.message());
        g.writeStringField("severity", e.severity().id());
        g.writeEndObject();
      }
    } else {
      for (Evidence e : f.evidence()) {
        if (e.detail().isEmpty()) continue;
        g.writeStartObject();
        g.writeStringField("detail", e.detail());
        g.writeStringField("message", "");
        g.writeStringField("severity", e.severity().id());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeStringField("remediation", f.rule().remediation());
    strings(g, "commands", f.remediationCommands());
    strings(g, "compliance", f.rule().compliance());
    strings(g, "references", f.rule().references());
    if (f.suppression().isPresent()) {
      g.writeStringField("suppressed", f.suppression().get().reason() + " (until " + f.suppression().get().expires() + ")");
    }
    if (f.baseline().isPresent()) g.writeStringField("baseline", f.baseline().get().id());
    g.writeNumberField("pic", picture);
    g.writeEndObject();
  }

  private static void store(JsonGenerator g, Store s, int picture, List<String> findings) throws IOException {
    ExplainView v = s.view();
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("label", v.resource());
    g.writeStringField("title", v.title());
    g.writeStringField("account", s.scope().account());
    g.writeStringField("region", s.scope().region());
    g.writeNumberField("port", v.port());
    g.writeArrayFieldStart("groups");
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
      g.writeStringField("text", ExplainReporter.oneLine(v, c));
      g.writeStringField("verdict", c.verdict().id);
      g.writeBooleanField("open", c.verdict().open());
      g.writeEndObject();
    }
    g.writeEndArray();
    strings(g, "findings", findings);
    g.writeNumberField("pic", picture);
    g.writeEndObject();
  }

  /** FAIL counts by severity, by rule (most severe first, then most FAILs) and by account/region. */
  private static void charts(JsonGenerator g, ScanResult r) throws IOException {
    Map<String, Integer> byRule = new TreeMap<>();
    Map<String, Severity> ruleSeverity = new HashMap<>();
    Map<String, Integer> byScope = new TreeMap<>();
    for (Scope s : r.scopes()) byScope.put(Findings.scope(s), 0);
    for (Finding f : r.findings()) {
      if (f.status() != Status.FAIL) continue;
      byRule.merge(f.rule().name(), 1, Integer::sum);
      ruleSeverity.merge(f.rule().name(), f.severity(), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
      byScope.merge(Findings.scope(f.resource().scope()), 1, Integer::sum);
    }
    g.writeObjectFieldStart("charts");
    g.writeArrayFieldStart("severity");
    for (Severity s : Severity.values()) bar(g, s.id(), r.failCounts().get(s), s.id());
    g.writeEndArray();
    g.writeArrayFieldStart("rule");
    List<Map.Entry<String, Integer>> rules = new ArrayList<>(byRule.entrySet());
    rules.sort(java.util.Comparator.<Map.Entry<String, Integer>, Severity>comparing(e -> ruleSeverity.get(e.getKey()))
        .thenComparing(Map.Entry.<String, Integer>comparingByValue().reversed()).thenComparing(Map.Entry.comparingByKey()));
    for (Map.Entry<String, Integer> e : rules) bar(g, e.getKey(), e.getValue(), ruleSeverity.get(e.getKey()).id());
    g.writeEndArray();
    g.writeArrayFieldStart("scope");
    for (Map.Entry<String, Integer> e : byScope.entrySet()) bar(g, e.getKey(), e.getValue(), "scope");
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void bar(JsonGenerator g, String label, int value, String kind) throws IOException {
    g.writeStartObject();
    g.writeStringField("label", label);
    g.writeNumberField("value", value);
    g.writeStringField("kind", kind);
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }

  /** {@code 'sha256-…'} of the text as the page carries it, for the Content Security Policy. */
  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String tabulatorVersion() {
    Properties p = new Properties();
    try (InputStream in = HtmlReporter.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
      if (in == null) throw new IllegalStateException("Tabulator's WebJar is missing from the class path: " + WEBJAR_POM);
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static String resource(String path) {
    try (InputStream in = HtmlReporter.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing from the class path: " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
