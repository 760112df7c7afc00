package dev.postern.cli;

import dev.postern.collect.Redactor;
import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Route;
import dev.postern.graph.Source;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.BadInputException;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.DataStore;
import dev.postern.model.Finding;
import dev.postern.model.Instance;
import dev.postern.model.LoadBalancer;
import dev.postern.model.ScanResult;
import dev.postern.model.SecurityGroup;
import dev.postern.model.Status;
import dev.postern.report.ExplainReporter;
import dev.postern.report.ExplainView;
import dev.postern.report.HtmlReporter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import dev.postern.graph.LoadBalancerTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Who may reach a resource, on which ports, through which chain, tier by tier. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Show who may reach a resource (security group, data store, instance, Beanstalk environment, load balancer), "
        + "on which ports, and every chain from the Internet to it.")
public final class ExplainCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;

  @Mixin InputOptions input;

  @Parameters(paramLabel = "RESOURCE", description = "An id or name: sg-…, a DB or cache id, i-…, an environment or load balancer name.")
  String resource;

  @Option(names = "--max-hops", defaultValue = "4", description = "Longest chain to show (default: ${DEFAULT-VALUE}).")
  int maxHops;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json, dot or mermaid (default: ${DEFAULT-VALUE}); dot and mermaid draw the chains from the Internet.",
      completionCandidates = Formats.class)
  String format;

  @Mixin ColorOption color = new ColorOption();

  @Override
  public Integer call() throws IOException {
    Console console = parent.console;
    if (!ExplainReporter.FORMATS.contains(format) && !"table".equals(format)) {
      throw new BadInputException("-o " + format, "unknown format (text, json, dot or mermaid)");
    }
    input.checkFlags();
    var collection = input.collect(console, parent.clients);
    collection.warnings().forEach(w -> console.err().println(Console.safe(w)));
    Audit audit = Audit.run(collection, input.describe(), Audit.rules(List.of()));
    Target t = find(audit.graph, resource);
    StringWriter w = new StringWriter();
    ExplainReporter.write(view(audit, t, maxHops, failsByResource(audit.result), LoadBalancerTargets.of(audit.graph.inventory())), format, console.width(), color.on(console), w);
    console.out().print(w);
    console.out().flush();
    return audit.result.complete() ? ExitCode.OK.code : ExitCode.INCOMPLETE.code;
  }

  /** Every data store's view with the default hop limit, by account, region and id: the HTML report's "explain" pages. */
  static List<HtmlReporter.Store> dataStores(Audit audit) {
    List<DataStore> stores = new ArrayList<>(audit.graph.dataStores());
    stores.sort(java.util.Comparator.comparing((DataStore d) -> d.ref().scope()).thenComparing(d -> d.ref().id()));
    Map<String, List<Finding>> fails = failsByResource(audit.result);
    LoadBalancerTargets targets = LoadBalancerTargets.of(audit.graph.inventory());
    List<HtmlReporter.Store> out = new ArrayList<>();
    for (DataStore d : stores) {
      out.add(new HtmlReporter.Store(d.ref().id(), d.ref().arn(), d.ref().scope(), view(audit, target(audit.graph, d), 4, fails, targets)));
    }
    return out;
  }

  /** FAILs by the id and by the ARN of their resource, in report order. */
  private static Map<String, List<Finding>> failsByResource(ScanResult r) {
    Map<String, List<Finding>> out = new HashMap<>();
    for (Finding f : r.findings()) {
      if (f.status() != Status.FAIL) continue;
      out.computeIfAbsent(f.resource().id(), k -> new ArrayList<>()).add(f);
      if (!f.resource().arn().isEmpty() && !f.resource().arn().equals(f.resource().id())) {
        out.computeIfAbsent(f.resource().arn(), k -> new ArrayList<>()).add(f);
      }
    }
    return out;
  }

  private static ExplainView view(Audit audit, Target t, int maxHops, Map<String, List<Finding>> fails, LoadBalancerTargets targets) {
    TrustGraph g = audit.graph;
    List<ExplainView.Group> groups = new ArrayList<>();
    List<ExplainView.Ingress> ingress = new ArrayList<>();
    for (SecurityGroup sg : t.groups) {
      groups.add(new ExplainView.Group(sg.id(), Redactor.scrub(sg.label()), g.tierLabel(sg), Redactor.scrub(g.attachmentLabel(sg))));
      List<Reach> in = g.ingress(sg);
      if (in.isEmpty()) ingress.add(new ExplainView.Ingress(sg.id(), "", "", false));
      // An IPv4 source and its IPv6 twin (0.0.0.0/0 and ::/0 on the same ports) are one line.
      Map<String, List<String>> internet = new LinkedHashMap<>();
      Map<String, Boolean> marks = new HashMap<>();
      for (Reach r : in) {
        if (r.source().kind() != Source.Kind.INTERNET) continue;
        String ports = r.permission().portLabel();
        List<String> values = internet.computeIfAbsent(ports, k -> new ArrayList<>());
        if (!values.contains(r.source().value())) values.add(r.source().value());
        marks.merge(ports, t.port > 0 && r.permission().coversPort(t.port), Boolean::logicalOr);
      }
      Set<String> shown = new HashSet<>();
      for (Reach r : in) {
        String ports = r.permission().portLabel();
        if (r.source().kind() == Source.Kind.INTERNET) {
          if (shown.add(ports)) ingress.add(new ExplainView.Ingress(sg.id(), ports, String.join(", ", internet.get(ports)) + " (the Internet)", marks.get(ports)));
        } else {
          ingress.add(new ExplainView.Ingress(sg.id(), ports, Redactor.scrub(source(g, sg, r)), t.port > 0 && r.permission().coversPort(t.port)));
        }
      }
    }
    // Routes that differ only in their Internet source (IPv4, IPv6) read the same: each once.
    Map<List<ExplainView.Hop>, ExplainView.Chain> chains = new LinkedHashMap<>();
    if (!t.groups.isEmpty()) {
      for (Route route : g.routesFromInternet(t.groups, t.port, maxHops, 20)) {
        List<ExplainView.Hop> hops = new ArrayList<>();
        for (Reach r : route.hops()) hops.add(new ExplainView.Hop(r.target().id(), r.permission().portLabel(), g.tierLabel(r.target())));
        chains.putIfAbsent(hops, new ExplainView.Chain(hops, verdict(g, route), network(g, route, t.port)));
      }
    }
    Set<String> ids = new HashSet<>(t.ids);
    t.groups.forEach(sg -> ids.add(sg.id()));
    Set<Finding> matched = new java.util.LinkedHashSet<>();
    for (String id : ids) matched.addAll(fails.getOrDefault(id, List.of()));
    List<Finding> findings = matched.stream().sorted(ScanResult.ORDER).toList();
    // Names and descriptions are anyone's text: secrets with a recognisable shape are removed, as
    // every line explain printed went through Console.safe; the reporter escapes control characters.
    return new ExplainView(Redactor.scrub(t.label), Redactor.scrub(t.title), t.port, groups, ingress, List.copyOf(chains.values()), maxHops, findings,
        audit.result.complete() ? 0 : audit.result.errors().size(), balancerLegs(g, t, targets));
  }

  /**
   * The legs "internet-facing load balancer → listener → target group → target" that end at the
   * resource (an instance, an interface, or for a security group the interfaces wearing it), each
   * judged at the target's security groups; what could not be judged (target groups not collected).
   */
  private static List<ExplainView.BalancerLeg> balancerLegs(TrustGraph g, Target t, LoadBalancerTargets targets) {
    List<ExplainView.BalancerLeg> out = new ArrayList<>();
    if (t.groups.isEmpty()) return out;
    dev.postern.model.Scope scope = t.groups.get(0).scope();
    boolean isGroup = t.ids.size() == 1 && t.ids.get(0).equals(t.groups.get(0).id());
    for (LoadBalancerTargets.Leg l : targets.legs()) {
      if (!l.loadBalancer().scope().equals(scope)) continue;
      boolean ours = t.ids.contains(l.target()) || l.eni().map(e -> t.ids.contains(e.id())
          || isGroup && e.groupIds().contains(t.groups.get(0).id())).orElse(false);
      if (!ours) continue;
      out.add(new ExplainView.BalancerLeg(Redactor.scrub(l.hops()), l.outcome().name().toLowerCase(java.util.Locale.ROOT),
          Redactor.scrub(l.reason())));
    }
    boolean facing = g.inventory().loadBalancers().stream().anyMatch(lb -> lb.scope().equals(scope) && lb.internetFacing());
    String unknown = facing ? LoadBalancerTargets.unknown(g.inventory(), scope) : "";
    if (!unknown.isEmpty()) out.add(new ExplainView.BalancerLeg("", "unknown", unknown));
    return out;
  }

  /**
   * Every layer of the network path from the Internet into the chain's first group, for its most
   * open member, then every layer of each hop after it (members' subnets to members' subnets).
   */
  private static List<ExplainView.Layer> network(TrustGraph g, Route route, int port) {
    List<ExplainView.Layer> out = firstLeg(g, route);
    List<Reach> hops = route.hops();
    for (int i = 1; i < hops.size(); i++) {
      SecurityGroup from = hops.get(i - 1).target();
      SecurityGroup to = hops.get(i).target();
      var perm = hops.get(i).permission();
      boolean last = i == hops.size() - 1;
      int fromPort = last && port > 0 ? port : perm.fromPort();
      int toPort = last && port > 0 ? port : perm.toPort();
      String name = "hop " + (i + 1);
      if (!from.scope().equals(to.scope())) {
        out.add(new ExplainView.Layer(name, "unknown", from.id() + " → " + to.id() + ": the network path across accounts or regions is not modelled"));
        continue;
      }
      var hop = g.networkPath().hop(from.scope(), from.id(), to.id(), List.of(),
          new dev.postern.graph.NetworkPath.Query(perm.protocol(), fromPort, toPort, ""));
      if (hop.isEmpty()) {
        boolean none = g.networkPath().groupSubnets(from.scope(), from.id()).isEmpty();
        out.add(new ExplainView.Layer(name, "unknown", from.id() + " → " + to.id() + ": the subnets of " + (none ? from.id() : to.id())
            + "'s members are not known"));
        continue;
      }
      out.add(new ExplainView.Layer(name, "", from.id() + " (" + hop.get().fromSubnet() + ") → " + to.id() + " (" + hop.get().toSubnet() + ")"));
      for (var l : hop.get().layers()) {
        String element = l.outcome() == dev.postern.graph.NetworkPath.Outcome.OPEN ? (l.hop().isEmpty() ? l.reason() : l.hop()) : l.reason();
        out.add(new ExplainView.Layer(l.name(), l.outcome().name().toLowerCase(java.util.Locale.ROOT), Redactor.scrub(element)));
      }
    }
    return out;
  }

  private static List<ExplainView.Layer> firstLeg(TrustGraph g, Route route) {
    Reach in = route.hops().get(0);
    SecurityGroup entry = in.target();
    var perm = in.permission();
    var judgements = g.networkPath().toGroup(entry.scope(), entry.id(),
        new dev.postern.graph.NetworkPath.Query(perm.protocol(), perm.fromPort(), perm.toPort(), in.source().value()),
        entry.id() + " " + perm.portLabel());
    var best = dev.postern.graph.NetworkPath.best(judgements);
    List<ExplainView.Layer> out = new ArrayList<>();
    if (best.isEmpty()) {
      out.add(new ExplainView.Layer("address", "blocked", "nothing postern saw wears " + entry.id()));
      return out;
    }
    out.add(new ExplainView.Layer("member", "", best.get().member().ref().type() + " " + best.get().member().ref().id()));
    for (var l : best.get().layers()) {
      String element = l.outcome() == dev.postern.graph.NetworkPath.Outcome.OPEN ? (l.hop().isEmpty() ? l.reason() : l.hop()) : l.reason();
      out.add(new ExplainView.Layer(l.name(), l.outcome().name().toLowerCase(java.util.Locale.ROOT), Redactor.scrub(element)));
    }
    return out;
  }

  private static ExplainView.Verdict verdict(TrustGraph g, Route route) {
    List<Reach> hops = route.hops();
    SecurityGroup entry = hops.get(0).target();
    boolean viaEdge = g.hasTier(entry, Tier.EDGE);
    boolean appOnly = true;
    // An application hop by attachment, else by position (trusted only from edge groups): GroupNode.appTier.
    for (int i = 1; i < hops.size() - 1; i++) {
      GroupNode hop = g.node(hops.get(i).target());
      appOnly &= hop != null && hop.appTier();
    }
    if (hops.size() >= 2) appOnly &= !g.hasTier(hops.get(hops.size() - 1).target(), Tier.EDGE);
    if (!route.exposed()) return ExplainView.Verdict.ENTRY_NOT_EXPOSED;
    if (viaEdge && appOnly && hops.size() >= 2) return ExplainView.Verdict.THROUGH_LOAD_BALANCER;
    if (hops.size() == 1) return ExplainView.Verdict.DIRECT;
    return ExplainView.Verdict.AROUND_LOAD_BALANCER;
  }

  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ExplainReporter.FORMATS.iterator();
    }
  }

  /** {@code ids}: the id, ARN or name by which findings name the resource. */
  private record Target(String title, List<SecurityGroup> groups, int port, String label, List<String> ids) {}

  private static Target find(TrustGraph g, String id) {
    for (SecurityGroup sg : g.groups()) {
      if (sg.id().equals(id)) return new Target("security-group " + sg.label() + " in " + sg.scope(), List.of(sg), 0, sg.id(), List.of(sg.id()));
    }
    for (DataStore d : g.dataStores()) {
      if (d.ref().id().equals(id) || d.ref().arn().equals(id)) return target(g, d);
    }
    for (Instance i : g.inventory().instances()) {
      if (i.id().equals(id)) {
        return new Target("ec2-instance " + i.id() + (i.publicIp().isEmpty() ? "" : " (public IP " + i.publicIp() + ")") + " in " + i.scope(),
            g.groupsOf(i.scope(), i.groupIds()), 0, "ec2-instance " + i.id(), List.of(i.id()));
      }
    }
    for (BeanstalkEnvironment e : g.inventory().environments()) {
      if (e.name().equals(id)) {
        return new Target("beanstalk-environment " + e.name() + " (application " + e.application() + ") in " + e.scope(),
            g.groupsOf(e.scope(), g.environmentAppGroupIds(e)), 0, "beanstalk-environment " + e.name(), List.of(e.name()));
      }
    }
    for (LoadBalancer lb : g.inventory().loadBalancers()) {
      if (lb.name().equals(id) || lb.arn().equals(id)) {
        return new Target("load-balancer " + lb.name() + " (" + lb.scheme() + ") in " + lb.scope(), g.groupsOf(lb.scope(), lb.groupIds()), 0,
            "load-balancer " + lb.name(), List.of(lb.name(), lb.arn()));
      }
    }
    throw new BadInputException(id, "no security group, data store, instance, Beanstalk environment or load balancer with this id or name");
  }

  private static Target target(TrustGraph g, DataStore d) {
    return new Target(d.ref().label() + " (" + d.engine() + (d.port() > 0 ? ", tcp/" + d.port() : "") + ") in " + d.ref().scope(),
        g.groupsOf(d.ref().scope(), d.groupIds()), d.port(), d.ref().label(), List.of(d.ref().id(), d.ref().arn()));
  }

  private static String source(TrustGraph g, SecurityGroup target, Reach r) {
    return switch (r.source().kind()) {
      case INTERNET -> r.source().value() + " (the Internet)";
      case CIDR -> r.source().value();
      case PREFIX_LIST -> "prefix list " + r.source().value();
      case GROUP -> r.source().value().equals(target.id()) ? r.source().value() + " (itself)"
          : r.sourceGroup().map(c -> c.label() + " [" + g.tierLabel(c) + "]")
              .orElse(r.source().value() + " (not found: deleted, or another account)");
    };
  }
}
