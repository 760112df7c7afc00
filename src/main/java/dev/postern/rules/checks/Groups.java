package dev.postern.rules.checks;

import dev.postern.graph.Tier;
import dev.postern.graph.TrustGraph;
import dev.postern.model.ResourceRef;
import dev.postern.model.SecurityGroup;
import java.util.stream.Collectors;

/** Small helpers the checks share. */
final class Groups {
  private Groups() {}

  static ResourceRef ref(TrustGraph graph, SecurityGroup g) {
    return graph.ref(g);
  }

  static String tierLabel(TrustGraph graph, SecurityGroup g) {
    return graph.tiers(g).isEmpty() ? "unattached"
        : graph.tiers(g).stream().sorted().map(Tier::label).collect(Collectors.joining("+"));
  }
}
