package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.ResourceRef;
import dev.postern.model.SecurityGroup;

/** Small helpers the checks share. */
final class Groups {
  private Groups() {}

  static ResourceRef ref(TrustGraph graph, SecurityGroup g) {
    return graph.ref(g);
  }

  static String tierLabel(TrustGraph graph, SecurityGroup g) {
    return graph.tierLabel(g);
  }
}
