package dev.postern.rules.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sums up several reasons of one finding in a phrase. */
final class Summaries {
  private Summaries() {}

  /** A port and the source it is admitted from: one reason of an ingress finding. */
  record PortFrom(String port, String source) {}

  /**
   * {@code tcp/3306 and tcp/22 from 0.0.0.0/0 and ::/0}: ports admitted from the same sources
   * are named together; groups of ports with other sources follow after a semicolon.
   */
  static String portsFrom(List<PortFrom> reasons) {
    Map<String, Set<String>> sourcesByPort = new LinkedHashMap<>();
    for (PortFrom r : reasons) sourcesByPort.computeIfAbsent(r.port(), k -> new LinkedHashSet<>()).add(r.source());
    Map<Set<String>, List<String>> portsBySources = new LinkedHashMap<>();
    sourcesByPort.forEach((port, sources) -> portsBySources.computeIfAbsent(sources, k -> new ArrayList<>()).add(port));
    List<String> parts = new ArrayList<>();
    portsBySources.forEach((sources, ports) -> parts.add(and(ports) + " from " + and(new ArrayList<>(sources))));
    return String.join("; ", parts);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(List<String> items) {
    if (items.size() <= 1) return items.isEmpty() ? "" : items.get(0);
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
