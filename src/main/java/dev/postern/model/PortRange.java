package dev.postern.model;

/** An inclusive port range; a single port has from == to. */
public record PortRange(int from, int to) {
  public PortRange {
    if (from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("invalid port range " + from + "-" + to);
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  public boolean contains(int port) {
    return from <= port && port <= to;
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
