package dev.postern.model;

import java.util.List;

/**
 * One ingress or egress permission: protocol, port range and its sources, kept apart by kind.
 * Protocol is lower-case ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, a number, or
 * {@code -1} meaning all). For -1, ports are 0-65535; for ICMP, from/to are type/code, not ports.
 */
public record Permission(
    String protocol,
    int fromPort,
    int toPort,
    List<String> ipv4Ranges,
    List<String> ipv6Ranges,
    List<GroupRef> groups,
    List<String> prefixLists) {

  public static final String ALL = "-1";

  public Permission {
    protocol = protocol == null || protocol.isEmpty() ? ALL : protocol;
    if (ALL.equals(protocol)) {
      fromPort = 0;
      toPort = 65535;
    }
    ipv4Ranges = List.copyOf(ipv4Ranges);
    ipv6Ranges = List.copyOf(ipv6Ranges);
    groups = List.copyOf(groups);
    prefixLists = List.copyOf(prefixLists);
  }

  public boolean allProtocols() {
    return ALL.equals(protocol);
  }

  /** True for TCP, UDP and all-traffic permissions, whose from/to are ports. */
  public boolean hasPorts() {
    return allProtocols() || "tcp".equals(protocol) || "udp".equals(protocol)
        || "6".equals(protocol) || "17".equals(protocol);
  }

  /** True when this permission lets traffic reach every port (protocol -1 or a full range). */
  public boolean allPorts() {
    return allProtocols() || (hasPorts() && fromPort <= 0 && toPort >= 65535);
  }

  public boolean coversPort(int port) {
    return hasPorts() && fromPort <= port && port <= toPort;
  }

  public boolean coversAny(List<PortRange> ranges) {
    if (!hasPorts()) {
      return false;
    }
    for (PortRange r : ranges) {
      if (r.from() <= toPort && fromPort <= r.to()) {
        return true;
      }
    }
    return false;
  }

  /** {@code tcp/3306}, {@code tcp/3300-3310}, {@code all traffic}, {@code icmp}. */
  public String portLabel() {
    if (allProtocols()) {
      return "all traffic";
    }
    String proto = "6".equals(protocol) ? "tcp" : "17".equals(protocol) ? "udp" : protocol;
    if (!hasPorts()) {
      return proto;
    }
    if (fromPort <= 0 && toPort >= 65535) {
      return proto + "/all ports";
    }
    return fromPort == toPort ? proto + "/" + fromPort : proto + "/" + fromPort + "-" + toPort;
  }
}
