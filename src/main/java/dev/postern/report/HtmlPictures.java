package dev.postern.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.Finding;
import dev.postern.model.TrustMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the trust graph that explains a finding or a data store, as data the HTML report's
 * script draws in tier columns (Internet | edge | app | … | data | the resource): an exposure path
 * hop by hop with its ports, a missing trust link as a dashed edge between the two groups, a
 * group's ingress from its sources, or a data store's chains from the Internet. Computed here so
 * that the page only draws.
 */
final class HtmlPictures {
  /** Drawing order of the columns. */
  static final List<String> COLUMNS = List.of("internet", "edge", "app", "other", "unattached", "external", "data", "resource");

  private static final int MAX_EDGES = 24;
  private static final int MAX_CHAINS = 12;
  private static final int MAX_GROUPS = 4;
  // InternetPathCheck: "Internet → sg-a tcp/22 → sg-b tcp/3306 (rds-instance db): …"
  private static final Pattern HOP = Pattern.compile("(\\S+) (\\S+)");
  // AppToDataStoreLinkCheck: "environment E is wired to … none of its groups (sg-a, sg-b) may reach … ; add ingress tcp/3306 to sg-s from sg-a"
  private static final Pattern MISSING = Pattern.compile(
      "^environment (.+?) is wired to .*none of its groups \\(([^)]*)\\) may reach .*; add ingress (\\S+) to (\\S+) from (\\S+)$");

  private final Map<String, TrustMap.Node> byId = new HashMap<>();
  private final Map<String, TrustMap.Node> byArn = new HashMap<>();
  private final Map<String, List<TrustMap.Node>> byAttached = new HashMap<>();
  private final Map<String, List<TrustMap.Edge>> into = new HashMap<>();
  private final Map<String, HtmlReporter.Store> stores = new HashMap<>();

  HtmlPictures(TrustMap map, List<HtmlReporter.Store> storeViews) {
    for (TrustMap.Node n : map.nodes()) {
      byId.put(n.id(), n);
      if (!n.arn().isEmpty()) byArn.put(n.arn(), n);
      for (String a : n.attached()) byAttached.computeIfAbsent(scopeOf(n) + "|" + a, k -> new ArrayList<>()).add(n);
    }
    for (TrustMap.Edge e : map.edges()) into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
    for (HtmlReporter.Store s : storeViews) {
      stores.put(s.id(), s);
      if (!s.arn().isEmpty()) stores.put(s.arn(), s);
    }
  }

  /** A picture: nodes by id (insertion order is drawing order within a column) and edges. */
  static final class Picture {
    final Map<String, String[]> nodes = new LinkedHashMap<>(); // id → {label, sub, column}
    final Map<String, String[]> edges = new LinkedHashMap<>(); // from\0to → {from, to, label, kind}

    void node(String id, String label, String sub, String column) {
      nodes.putIfAbsent(id, new String[] {label, sub, COLUMNS.contains(column) ? column : "other"});
    }

    /** kind: open (red), ok, missing (dashed red), attach (dashed grey). A second edge between the same nodes adds its label. */
    void edge(String from, String to, String label, String kind) {
      edges.merge(from + "\u0000" + to, new String[] {from, to, label, kind}, (a, b) -> new String[] {a[0], a[1],
          a[2].isEmpty() || List.of(a[2].split(", ")).contains(b[2]) ? (a[2].isEmpty() ? b[2] : a[2]) : a[2] + ", " + b[2],
          "open".equals(a[3]) || "open".equals(b[3]) ? "open" : a[3]});
    }

    boolean isEmpty() {
      return nodes.isEmpty();
    }

    void write(JsonGenerator g) throws IOException {
      g.writeStartObject();
      g.writeArrayFieldStart("nodes");
      for (Map.Entry<String, String[]> n : nodes.entrySet()) {
        g.writeStartObject();
        g.writeStringField("id", n.getKey());
        g.writeStringField("label", n.getValue()[0]);
        g.writeStringField("sub", n.getValue()[1]);
        g.writeStringField("col", n.getValue()[2]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("edges");
      for (String[] e : edges.values()) {
        g.writeStartObject();
        g.writeStringField("from", e[0]);
        g.writeStringField("to", e[1]);
        g.writeStringField("label", e[2]);
        g.writeStringField("kind", e[3]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** The finding's picture; empty when nothing in the graph explains it (e.g. an encryption setting of a resource without groups). */
  Picture of(Finding f) {
    Picture p = new Picture();
    String scope = f.resource().scope().toString();
    String resource = "res:" + scope + "/" + f.resource().type() + "/" + f.resource().id();
    String resourceLabel = f.resource().label();
    int paren = f.message().indexOf(" (" + resourceLabel + "): ");
    Matcher missing = MISSING.matcher(f.message());
    if (f.message().startsWith("Internet → ") && paren > 0) {
      path(p, scope, f.message().substring("Internet → ".length(), paren), resource, resourceLabel);
    } else if (missing.find()) {
      missingLink(p, scope, missing, resource, resourceLabel);
    } else if (stores.containsKey(f.resource().arn()) || stores.containsKey(f.resource().id())) {
      HtmlReporter.Store s = stores.getOrDefault(f.resource().arn(), stores.get(f.resource().id()));
      store(p, s, resource, resourceLabel, scope);
    } else if (byArn.containsKey(f.resource().arn())) {
      group(p, byArn.get(f.resource().arn()), failing(f));
    } else {
      List<TrustMap.Node> groups = byAttached.getOrDefault(scope + "|" + resourceLabel, List.of());
      for (TrustMap.Node n : groups.subList(0, Math.min(MAX_GROUPS, groups.size()))) {
        group(p, n, Set.of());
        p.node(resource, resourceLabel, "", "resource");
        p.edge(n.id(), resource, "", "attach");
      }
    }
    return p;
  }

  /** A data store's page: every chain of its explain view, its groups even when no chain reaches them. */
  Picture of(HtmlReporter.Store s) {
    Picture p = new Picture();
    String scope = s.scope().toString();
    store(p, s, "res:" + scope + "/" + s.id(), s.view().resource(), scope);
    return p;
  }

  private void path(Picture p, String scope, String chain, String resource, String resourceLabel) {
    p.node("internet", "Internet", "", "internet");
    String from = "internet";
    for (String hop : chain.split(" → ")) {
      Matcher m = HOP.matcher(hop);
      if (!m.matches()) return;
      String id = groupNode(p, scope, m.group(1));
      p.edge(from, id, m.group(2), "open");
      from = id;
    }
    p.node(resource, resourceLabel, "", "resource");
    p.edge(from, resource, "", "attach");
  }

  private void missingLink(Picture p, String scope, Matcher m, String resource, String resourceLabel) {
    String env = "env:" + scope + "/" + m.group(1);
    p.node(env, "beanstalk-environment " + m.group(1), "", "app");
    String source = m.group(5);
    for (String g : m.group(2).split(", ")) {
      String id = groupNode(p, scope, g);
      p.edge(env, id, "", "attach");
      if (g.equals(source)) {
        String target = groupNode(p, scope, m.group(4));
        p.edge(id, target, "missing " + m.group(3), "missing");
        p.node(resource, resourceLabel, "", "resource");
        p.edge(target, resource, "", "attach");
      }
    }
  }

  private void store(Picture p, HtmlReporter.Store s, String resource, String resourceLabel, String scope) {
    ExplainView v = s.view();
    Map<String, String> tiers = new HashMap<>();
    for (ExplainView.Group g : v.groups()) tiers.put(g.id(), g.tier());
    int n = 0;
    for (ExplainView.Chain c : v.chains()) {
      if (n++ >= MAX_CHAINS) break;
      p.node("internet", "Internet", "", "internet");
      String from = "internet";
      for (ExplainView.Hop h : c.hops()) {
        String id = groupNode(p, scope, h.group(), h.tier());
        p.edge(from, id, h.ports(), c.verdict().open() ? "open" : "ok");
        from = id;
      }
      p.node(resource, resourceLabel, "", "resource");
      p.edge(from, resource, "", "attach");
    }
    for (ExplainView.Group g : v.groups()) {
      String id = groupNode(p, scope, g.id(), g.tier());
      p.node(resource, resourceLabel, "", "resource");
      p.edge(id, resource, "", "attach");
    }
  }

  /** The group's ingress from every source (at most {@link #MAX_EDGES}); edges named by the finding's evidence red. */
  private void group(Picture p, TrustMap.Node n, Set<String> failing) {
    p.node(n.id(), n.label(), String.join(", ", TrustPicture.lines(n).subList(1, TrustPicture.lines(n).size())), n.tier());
    int count = 0;
    for (TrustMap.Edge e : into.getOrDefault(n.id(), List.of())) {
      if (count++ >= MAX_EDGES) break;
      TrustMap.Node src = byId.get(e.from());
      if (src == null) continue;
      boolean red = e.allows().stream().anyMatch(a -> failing.contains(a.discriminator()))
          || (failing.contains("") && src.kind() != TrustMap.Kind.GROUP);
      p.node(src.id(), src.label(), "", src.kind() == TrustMap.Kind.GROUP ? src.tier() : "internet");
      p.edge(src.id(), n.id(), e.label(), red ? "open" : "ok");
    }
  }

  private static Set<String> failing(Finding f) {
    Set<String> out = new HashSet<>();
    f.evidence().forEach(e -> out.add(e.detail()));
    return out;
  }

  private String groupNode(Picture p, String scope, String groupId) {
    TrustMap.Node n = byId.get("sg:" + scope + "/" + groupId);
    return groupNode(p, scope, groupId, n == null ? "other" : n.tier());
  }

  private String groupNode(Picture p, String scope, String groupId, String tier) {
    String id = "sg:" + scope + "/" + groupId;
    TrustMap.Node n = byId.get(id);
    String label = n == null || n.label().equals(groupId) ? groupId : n.label();
    String sub = n == null ? "[" + tier + "]" : "[" + tier + "] " + String.join(", ", n.attached().stream().limit(2).toList())
        + (n.attached().size() > 2 ? " +" + (n.attached().size() - 2) : "");
    p.node(id, label.contains(groupId) ? label : groupId + " (" + label + ")", sub.trim(), tier);
    return id;
  }

  private static String scopeOf(TrustMap.Node n) {
    // sg:ACCOUNT/REGION/sg-…
    String id = n.id();
    int last = id.lastIndexOf('/');
    return id.startsWith("sg:") && last > 3 ? id.substring(3, last) : "";
  }
}
