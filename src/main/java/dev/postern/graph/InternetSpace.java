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

  /** What a source covers. {@code block} is null when the text is no CIDR (then it covers nothing known). */
  record Cidr(String text, IPAddress block, double publicAddresses) {
    boolean whole() {
      return block != null && block.getNetworkPrefixLength() != null && block.getNetworkPrefixLength() == 0;
    }

    boolean wide() {
      return block != null && (whole() || publicAddresses > (block.isIPv4() ? V4_WIDE : V6_WIDE));
    }

    /** Why it is the Internet, for a message; empty for the two usual spellings. */
    String note() {
      if (text.equals("0.0.0.0/0") || text.equals("::/0")) return "";
      if (whole()) return block.isIPv4() ? "all of IPv4" : "all of IPv6";
      return block.isIPv4() ? "Internet-wide: more public IPv4 space than a /8" : "Internet-wide: more IPv6 global unicast space than a /16";
    }
  }

  // After the special blocks: their public space is counted with them.
  private static final Cidr ALL_V4 = new Cidr("0.0.0.0/0", blocks("0.0.0.0/0").get(0), publicAddresses(blocks("0.0.0.0/0").get(0)));
  private static final Cidr ALL_V6 = new Cidr("::/0", blocks("::/0").get(0), publicAddresses(blocks("::/0").get(0)));

  static Cidr parse(String text) {
    // The usual spellings are nearly every Internet source: no parsing for them.
    if (text.equals("0.0.0.0/0")) return ALL_V4;
    if (text.equals("::/0")) return ALL_V6;
    IPAddress a = new IPAddressString(text, STRICT).getAddress();
    if (a == null) return new Cidr(text, null, 0);
    IPAddress block = a.getNetworkPrefixLength() == null ? a : a.toPrefixBlock();
    return new Cidr(text, block, publicAddresses(block));
  }

  /** The rule's CIDRs together: whether their union is a /0, Internet-wide, or neither (null). */
  static String together(List<Cidr> cidrs) {
    List<IPAddress> parts = new ArrayList<>();
    double sum = 0;
    for (Cidr c : cidrs) {
      if (c.block() == null || c.publicAddresses() == 0) continue;
      if (!parts.isEmpty() && parts.get(0).isIPv4() != c.block().isIPv4()) continue; // an IPv6 range among IPv4 ones is not this union's
      parts.add(c.block());
      sum += c.publicAddresses();
    }
    if (parts.size() < 2) return null;
    boolean v4 = parts.get(0).isIPv4();
    // Overlaps only shrink the union: below the threshold summed, it is below merged.
    if (sum <= (v4 ? V4_WIDE : V6_WIDE)) return null;
    IPAddress[] merged = parts.get(0).mergeToPrefixBlocks(parts.subList(1, parts.size()).toArray(IPAddress[]::new));
    double union = 0;
    for (IPAddress m : merged) union += publicAddresses(m);
    if (merged.length == 1 && merged[0].getNetworkPrefixLength() != null && merged[0].getNetworkPrefixLength() == 0) {
      return v4 ? "all of IPv4" : "all of IPv6";
    }
    if (union > (v4 ? V4_WIDE : V6_WIDE)) return v4 ? "Internet-wide: more public IPv4 space than a /8" : "Internet-wide: more IPv6 global unicast space than a /16";
    return null;
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
