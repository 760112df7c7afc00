package dev.postern.graph;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * How much of the Internet a CIDR source stands for, alone or with the other CIDRs of its rule:
 * the Internet is an address space, not the two strings {@code 0.0.0.0/0} and {@code ::/0}.
 *
 * <ul>
 *   <li><b>all of IPv4 / all of IPv6</b>: a /0 however written ({@code 0.0.0.1/0},
 *       {@code 0:0:0:0:0:0:0:0/0}: host bits are ignored, as EC2 ignores them), or sources of one
 *       rule whose union is a /0 ({@code 0.0.0.0/1} + {@code 128.0.0.0/1});
 *   <li><b>Internet-wide</b>: more public IPv4 addresses than a /8 holds (special-purpose blocks of
 *       the IANA registry, RFC 6890, and multicast/reserved space not counted), or more IPv6 global
 *       unicast space ({@code 2000::/3}) than a /16 holds — alone or together on one rule.
 * </ul>
 * Both are the Internet for the exposure rules. Parsing and merging are the ipaddress library's.
 */
final class InternetSpace {
  private InternetSpace() {}

  /** More public IPv4 addresses than this (a /8) is Internet-wide. */
  static final double V4_WIDE = Math.pow(2, 32 - 8);
  /** More IPv6 global unicast addresses than this (a /16) is Internet-wide. */
  static final double V6_WIDE = Math.pow(2, 128 - 16);

  private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
      .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false)
      .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowLeadingZeros(true).getParentBuilder()
      .toParams();

  /** Not publicly routable IPv4 (IANA IPv4 Special-Purpose Address Registry; multicast; reserved). */
  private static final List<IPAddress> V4_SPECIAL = blocks("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
      "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
      "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
  private static final IPAddress V6_GLOBAL_UNICAST = blocks("2000::/3").get(0);

  /**
   * What a source covers, kept small: a large account has hundreds of thousands of distinct CIDRs,
   * so the parsed address is not kept (a rule's union, rarely needed, parses its texts again).
   * {@code parsed} is false when the text is no CIDR (it then covers nothing known).
   */
  record Cidr(String text, boolean parsed, boolean ipv4, int prefixLength, double publicAddresses) {
    boolean whole() {
      return parsed && prefixLength == 0;
    }

    boolean wide() {
      return parsed && (whole() || publicAddresses > (ipv4 ? V4_WIDE : V6_WIDE));
    }

    /** Why it is the Internet, for a message; empty for the two usual spellings. */
    String note() {
      if (text.equals("0.0.0.0/0") || text.equals("::/0")) return "";
      if (whole()) return ipv4 ? "all of IPv4" : "all of IPv6";
      return ipv4 ? WIDE_V4 : WIDE_V6;
    }
  }

  private static final String WIDE_V4 = "Internet-wide: more public IPv4 space than a /8";
  private static final String WIDE_V6 = "Internet-wide: more IPv6 global unicast space than a /16";
  // After the special blocks: their public space is counted with them.
  private static final Cidr ALL_V4 = of("0.0.0.0/0", block("0.0.0.0/0"));
  private static final Cidr ALL_V6 = of("::/0", block("::/0"));

  static Cidr parse(String text) {
    // The usual spellings are nearly every Internet source: no parsing for them.
    if (text.equals("0.0.0.0/0")) return ALL_V4;
    if (text.equals("::/0")) return ALL_V6;
    return of(text, block(text));
  }

  private static Cidr of(String text, IPAddress block) {
    if (block == null) return new Cidr(text, false, false, -1, 0);
    Integer prefix = block.getNetworkPrefixLength();
    return new Cidr(text, true, block.isIPv4(), prefix == null ? block.getBitCount() : prefix, publicAddresses(block));
  }

  /** The prefix block a CIDR text stands for (host bits cleared, as EC2 does); null when it is no CIDR. */
  private static IPAddress block(String text) {
    IPAddress a = new IPAddressString(text, STRICT).getAddress();
    if (a == null) return null;
    return a.getNetworkPrefixLength() == null ? a : a.toPrefixBlock();
  }

  /** The rule's CIDRs together (one address family): "all of IPv4/IPv6", Internet-wide, or null for neither. */
  static String together(List<Cidr> cidrs) {
    double sum = 0;
    int parts = 0;
    boolean ipv4 = true;
    for (Cidr c : cidrs) {
      if (!c.parsed() || c.publicAddresses() == 0) continue;
      if (parts > 0 && c.ipv4() != ipv4) continue; // an IPv6 range among IPv4 ones is not this union's
      ipv4 = c.ipv4();
      sum += c.publicAddresses();
      parts++;
    }
    // Overlaps only shrink a union: at or below the threshold summed, it is below merged.
    if (parts < 2 || sum <= (ipv4 ? V4_WIDE : V6_WIDE)) return null;
    List<IPAddress> blocks = new ArrayList<>(parts);
    for (Cidr c : cidrs) {
      if (c.parsed() && c.publicAddresses() > 0 && c.ipv4() == ipv4) blocks.add(block(c.text()));
    }
    IPAddress[] merged = blocks.get(0).mergeToPrefixBlocks(blocks.subList(1, blocks.size()).toArray(IPAddress[]::new));
    if (merged.length == 1 && merged[0].getNetworkPrefixLength() != null && merged[0].getNetworkPrefixLength() == 0) {
      return ipv4 ? "all of IPv4" : "all of IPv6";
    }
    double union = 0;
    for (IPAddress m : merged) union += publicAddresses(m);
    return union > (ipv4 ? V4_WIDE : V6_WIDE) ? (ipv4 ? WIDE_V4 : WIDE_V6) : null;
  }

  private static double size(IPAddress block) {
    Integer prefix = block.getNetworkPrefixLength();
    return Math.pow(2, block.getBitCount() - (prefix == null ? block.getBitCount() : prefix));
  }

  /** Public addresses in a prefix block: special blocks are prefix blocks too, so each is inside it, around it, or apart. */
  private static double publicAddresses(IPAddress block) {
    if (block.isIPv4()) {
      double n = size(block);
      for (IPAddress s : V4_SPECIAL) {
        if (s.contains(block)) return 0;
        if (block.contains(s)) n -= size(s);
      }
      return n;
    }
    if (block.contains(V6_GLOBAL_UNICAST)) return size(V6_GLOBAL_UNICAST);
    return V6_GLOBAL_UNICAST.contains(block) ? size(block) : 0;
  }

  private static List<IPAddress> blocks(String... cidrs) {
    List<IPAddress> out = new ArrayList<>();
    for (String c : cidrs) out.add(new IPAddressString(c).getAddress().toPrefixBlock());
    return out;
  }
}
