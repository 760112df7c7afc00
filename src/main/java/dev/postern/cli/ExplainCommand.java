package dev.postern.cli;

import dev.postern.graph.GroupNode;
import dev.postern.graph.Reach;
import dev.postern.graph.Route;
import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.BadInputException;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.DataStore;
import dev.postern.model.Instance;
import dev.postern.model.LoadBalancer;
import dev.postern.model.SecurityGroup;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Override
  public Integer call() {
    Console console = parent.console;
    input.checkFlags();
    var collection = input.collect(console, parent.clients);
    collection.warnings().forEach(w -> console.err().println(Console.safe(w)));
    Audit audit = Audit.run(collection, input.describe(), List.of());
    TrustGraph g = audit.graph;
    PrintWriter out = console.out();
    Target t = find(g, resource);
    line(out, t.title);
    if (t.groups.isEmpty()) {
      line(out, "  no security group of it was collected: nothing to explain");
      out.flush();
      return audit.result.complete() ? ExitCode.OK.code : ExitCode.INCOMPLETE.code;
    }
    out.println();
    line(out, "Security groups:");
    for (SecurityGroup sg : t.groups) line(out, "  " + sg.label() + "  [" + g.tierLabel(sg) + "]  " + g.attachmentLabel(sg));
    out.println();
    line(out, "Who may reach it" + (t.port > 0 ? " (port " + t.port + " marked *)" : "") + ":");
    for (SecurityGroup sg : t.groups) {
      List<Reach> in = g.ingress(sg);
      if (in.isEmpty()) line(out, "  " + sg.id() + ": nothing (no ingress rules)");
      for (Reach r : in) {
        String mark = t.port > 0 && r.permission().coversPort(t.port) ? "* " : "  ";
        line(out, "  " + mark + sg.id() + " admits " + r.permission().portLabel() + " from " + source(g, sg, r));
      }
    }
    out.println();
    List<Route> routes = g.routesFromInternet(t.groups, t.port, maxHops, 20);
    line(out, "Chains from the Internet" + (t.port > 0 ? " to port " + t.port : "") + " (at most " + maxHops + " groups):");
    if (routes.isEmpty()) line(out, "  none: the Internet cannot reach it through security groups");
    for (Route route : routes) line(out, "  " + chain(g, route, t));
    if (!audit.result.complete()) {
      out.println();
      line(out, "Incomplete: " + audit.result.errors().size() + " kind(s) of resource were not collected; chains through them are not shown.");
    }
    out.flush();
    return audit.result.complete() ? ExitCode.OK.code : ExitCode.INCOMPLETE.code;
  }

  /** Every line names resources: printed through Console.safe, so their names cannot drive the terminal. */
  private static void line(PrintWriter out, String text) {
    out.println(Console.safe(text));
  }

  private record Target(String title, List<SecurityGroup> groups, int port, String label) {}

  private static Target find(TrustGraph g, String id) {
    for (SecurityGroup sg : g.groups()) {
      if (sg.id().equals(id)) return new Target("security-group " + sg.label() + " in " + sg.scope(), List.of(sg), 0, sg.id());
    }
    for (DataStore d : g.dataStores()) {
      if (d.ref().id().equals(id) || d.ref().arn().equals(id)) {
        return new Target(d.ref().label() + " (" + d.engine() + (d.port() > 0 ? ", tcp/" + d.port() : "") + ") in " + d.ref().scope(),
            g.groupsOf(d.ref().scope(), d.groupIds()), d.port(), d.ref().label());
      }
    }
    for (Instance i : g.inventory().instances()) {
      if (i.id().equals(id)) {
        return new Target("ec2-instance " + i.id() + (i.publicIp().isEmpty() ? "" : " (public IP " + i.publicIp() + ")") + " in " + i.scope(),
            g.groupsOf(i.scope(), i.groupIds()), 0, "ec2-instance " + i.id());
      }
    }
    for (BeanstalkEnvironment e : g.inventory().environments()) {
      if (e.name().equals(id)) {
        return new Target("beanstalk-environment " + e.name() + " (application " + e.application() + ") in " + e.scope(),
            g.groupsOf(e.scope(), g.environmentAppGroupIds(e)), 0, "beanstalk-environment " + e.name());
      }
    }
    for (LoadBalancer lb : g.inventory().loadBalancers()) {
      if (lb.name().equals(id) || lb.arn().equals(id)) {
        return new Target("load-balancer " + lb.name() + " (" + lb.scheme() + ") in " + lb.scope(), g.groupsOf(lb.scope(), lb.groupIds()), 0,
            "load-balancer " + lb.name());
      }
    }
    throw new BadInputException(id, "no security group, data store, instance, Beanstalk environment or load balancer with this id or name");
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

  private static String chain(TrustGraph g, Route route, Target t) {
    StringBuilder sb = new StringBuilder("Internet");
    List<Reach> hops = route.hops();
    for (int i = 0; i < hops.size(); i++) {
      Reach r = hops.get(i);
      SecurityGroup sg = r.target();
      sb.append(" → ").append(sg.id()).append(' ').append(r.permission().portLabel()).append(" [").append(g.tierLabel(sg)).append(']');
    }
    sb.append(" (").append(t.label).append(')');
    SecurityGroup entry = hops.get(0).target();
    boolean viaEdge = g.hasTier(entry, Tier.EDGE);
    boolean appOnly = true;
    for (int i = 1; i < hops.size() - 1; i++) {
      GroupNode hop = g.node(hops.get(i).target());
      appOnly &= hop != null && hop.appTier();
    }
    if (hops.size() >= 2) appOnly &= !g.hasTier(hops.get(hops.size() - 1).target(), Tier.EDGE);
    if (!route.exposed()) sb.append("  — entry not reachable: nothing attached to ").append(entry.id()).append(" faces the Internet");
    else if (viaEdge && appOnly && hops.size() >= 2) sb.append("  — load balancer → application chain");
    else if (hops.size() == 1) sb.append("  — directly");
    else sb.append("  — NOT through the load balancer and application tier");
    return sb.toString();
  }

}
