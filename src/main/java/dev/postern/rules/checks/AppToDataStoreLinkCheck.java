package dev.postern.rules.checks;

import dev.postern.graph.Reach;
import dev.postern.graph.Source;
import dev.postern.graph.TrustGraph;
import dev.postern.model.BeanstalkEnvironment;
import dev.postern.model.DataStore;
import dev.postern.model.OptionSetting;
import dev.postern.model.SecurityGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An application is wired to a data store (a Beanstalk environment property holds the store's
 * endpoint) but no group of the application may reach any group of the store on its port: the
 * missing trust link ("App → RDS: not yet"). Stores no property points at get no verdict.
 */
public final class AppToDataStoreLinkCheck implements Check<AppToDataStoreLinkCheck.Params> {
  public record Params() {}

  @Override
  public String name() {
    return "app-to-datastore-link";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    List<DataStore> stores = graph.dataStores();
    for (BeanstalkEnvironment env : graph.inventory().environments()) {
      if (!env.settingsKnown()) continue;
      for (DataStore d : stores) {
        if (!d.ref().scope().equals(env.scope())) continue;
        String property = wiringProperty(env, d);
        if (property.isEmpty()) continue;
        String disc = env.name() + " " + property;
        String unknown = DataStores.unknownReason(graph, d);
        List<String> appGroupIds = graph.environmentAppGroupIds(env);
        if (unknown.isEmpty() && appGroupIds.isEmpty()) unknown = "the groups of environment " + env.name() + " are not known";
        if (!unknown.isEmpty()) {
          out.add(new Verdict(d.ref(), dev.postern.model.Status.UNKNOWN, disc, unknown, List.of(), java.util.Optional.empty()));
          continue;
        }
        List<SecurityGroup> storeGroups = DataStores.groups(graph, d);
        Set<String> app = new TreeSet<>(appGroupIds);
        boolean linked = false;
        for (SecurityGroup sg : storeGroups) {
          for (Reach r : graph.ingress(sg)) {
            if (r.source().kind() == Source.Kind.GROUP && app.contains(r.source().value()) && DataStores.reachesPort(r, d)) linked = true;
          }
        }
        if (linked) {
          out.add(new Verdict(d.ref(), dev.postern.model.Status.PASS, disc,
              env.name() + " (" + property + ") may reach " + d.ref().label() + " on " + DataStores.port(d), List.of(), java.util.Optional.empty()));
          continue;
        }
        SecurityGroup target = storeGroups.get(0);
        String source = app.iterator().next();
        int port = d.port() > 0 ? d.port() : 0;
        String rule = "tcp/" + (port > 0 ? port : "<port>") + " to " + target.id() + " from " + source;
        out.add(Verdict.fail(d.ref(), disc,
            "environment " + env.name() + " is wired to " + d.ref().label() + " (" + property + " holds its endpoint) but none of its groups ("
                + String.join(", ", app) + ") may reach the store's groups (" + DataStores.ids(storeGroups) + ") on "
                + DataStores.port(d) + "; add ingress " + rule,
            Fixes.authorizeFromGroup(target, "tcp", port, port, source)));
      }
    }
    return out;
  }

  /** The name of a plain environment property whose value names one of the store's endpoints. */
  static String wiringProperty(BeanstalkEnvironment env, DataStore d) {
    for (OptionSetting s : env.environmentProperties()) {
      String v = s.value().toLowerCase(Locale.ROOT);
      for (String endpoint : d.endpoints()) {
        if (!endpoint.isEmpty() && v.contains(endpoint.toLowerCase(Locale.ROOT))) return s.name();
      }
    }
    return "";
  }
}
