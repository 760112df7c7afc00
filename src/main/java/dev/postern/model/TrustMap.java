package dev.postern.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A picture of the trust graph for reports: security groups (placed on a tier), the Internet and
 * other traffic sources as nodes; "source may reach group" as edges. Immutable and sorted, so
 * the same inventory always draws the same picture.
 */
public record TrustMap(List<Node> nodes, List<Edge> edges) {
  public static final TrustMap EMPTY = new TrustMap(List.of(), List.of());

  public enum Kind {
    INTERNET,
    CIDR,
    PREFIX_LIST,
    GROUP
  }

  /**
   * @param id unique and stable, e.g. {@code internet}, {@code sg:123456789012/us-east-1/sg-0a1b}
   * @param tier for groups: edge, app, data, other, unattached or external (referenced, not collected); else empty
   * @param arn for groups: the group's ARN, which findings on the group carry; else empty
   * @param attached what the group is attached to, e.g. {@code rds-instance db-1}
   */
  public record Node(String id, Kind kind, String label, String tier, String arn, List<String> attached) {
    public Node {
      attached = List.copyOf(attached);
    }
  }

  /** What one ingress permission allows: {@code tcp/22} from {@code 0.0.0.0/0}. */
  public record Allow(String ports, String source) implements Comparable<Allow> {
    /** By protocol, then by first port as a number (tcp/80 before tcp/443), then by source. */
    @Override
    public int compareTo(Allow o) {
      int c = protocol(ports).compareTo(protocol(o.ports));
      if (c == 0) c = Integer.compare(firstPort(ports), firstPort(o.ports));
      if (c == 0) c = ports.compareTo(o.ports);
      return c != 0 ? c : source.compareTo(o.source);
    }

    private static String protocol(String ports) {
      int slash = ports.indexOf('/');
      return slash < 0 ? ports : ports.substring(0, slash);
    }

    private static int firstPort(String ports) {
      int i = ports.indexOf('/') + 1;
      int n = 0;
      boolean any = false;
      while (i > 0 && i < ports.length() && Character.isDigit(ports.charAt(i))) {
        n = n * 10 + (ports.charAt(i++) - '0');
        any = true;
      }
      return any ? n : -1;
    }

    /** As a finding's discriminator names it: {@code tcp/22 from 0.0.0.0/0}. */
    public String discriminator() {
      return ports + " from " + source;
    }
  }

  public record Edge(String from, String to, List<Allow> allows) {
    public Edge {
      List<Allow> a = new ArrayList<>(allows);
      a.sort(Comparator.naturalOrder());
      allows = List.copyOf(a);
    }

    /** Distinct port labels, e.g. {@code tcp/80, tcp/443}. */
    public String label() {
      return String.join(", ", allows.stream().map(Allow::ports).distinct().toList());
    }
  }

  public TrustMap {
    List<Node> n = new ArrayList<>(nodes);
    n.sort(Comparator.comparing(Node::id));
    nodes = List.copyOf(n);
    List<Edge> e = new ArrayList<>(edges);
    e.sort(Comparator.comparing(Edge::from).thenComparing(Edge::to));
    edges = List.copyOf(e);
  }
}
