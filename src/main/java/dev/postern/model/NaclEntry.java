package dev.postern.model;

/**
 * One network ACL entry as EC2 states it: {@code protocol} is the IANA number as a string
 * ({@code -1} all, {@code 6} TCP, {@code 17} UDP, {@code 1} ICMP, {@code 58} ICMPv6); {@code cidr} is
 * the IPv4 or IPv6 block; ports are 0-65535 when the entry gives none. Rule 32767 is the final
 * {@code *} entry.
 */
public record NaclEntry(int ruleNumber, boolean egress, String protocol, boolean allow, String cidr, int fromPort, int toPort) {
  public NaclEntry {
    protocol = protocol == null || protocol.isEmpty() ? "-1" : protocol;
    cidr = cidr == null ? "" : cidr;
  }

  public boolean ipv6() {
    return cidr.contains(":");
  }

  /** {@code #100} or {@code *} for the final entry. */
  public String ruleLabel() {
    return ruleNumber == 32767 ? "*" : "#" + ruleNumber;
  }

  /** {@code tcp/3306}, {@code tcp/1024-65535}, {@code all traffic}, {@code icmp}. */
  public String protocolLabel() {
    String name = switch (protocol) {
      case "-1" -> "all";
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      case "58" -> "icmpv6";
      default -> "proto-" + protocol;
    };
    if (name.equals("all")) return "all traffic";
    if (!name.equals("tcp") && !name.equals("udp")) return name;
    if (fromPort == 0 && toPort == 65535) return name + "/all ports";
    return name + "/" + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
  }
}
