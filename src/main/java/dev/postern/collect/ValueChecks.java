package dev.postern.collect;

import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a value postern reads from a security-group permission must be, the one statement of it:
 * {@link CaptureChecks} applies it to SDK objects (and says where), {@link SecurityGroupJson}
 * to what it streams (and leaves a refusal to the SDK path, which says where). Each check
 * returns what was expected, or null when the value is right. A value that fails is refused, not
 * read as matching nothing: a rule would otherwise PASS on it.
 */
final class ValueChecks {
  private ValueChecks() {}

  static final String PROTOCOL = "a protocol (tcp, udp, icmp, icmpv6, a number from 0 to 255, or -1 for all)";
  static final String PORT = "a port from 0 to 65535, or -1";
  static final String ICMP = "an ICMP type or code from -1 to 255";
  static final String CIDR_V4 = "an IPv4 CIDR such as 10.0.0.0/16";
  static final String CIDR_V6 = "an IPv6 CIDR such as 2001:db8::/32";

  /** Null (absent) is all traffic, as EC2 reads it. */
  static String protocol(String p) {
    if (p == null) return null;
    return switch (p.length()) {
      case 3 -> p.equalsIgnoreCase("tcp") || p.equalsIgnoreCase("udp") ? null : number(p);
      case 4 -> p.equalsIgnoreCase("icmp") ? null : PROTOCOL;
      case 6 -> p.equalsIgnoreCase("icmpv6") ? null : PROTOCOL;
      default -> p.equals("-1") ? null : number(p);
    };
  }

  /** 0-255 in plain decimal (no sign, no leading zero). */
  private static String number(String p) {
    if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return PROTOCOL;
    int n = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c < '0' || c > '9') return PROTOCOL;
      n = n * 10 + c - '0';
    }
    return n <= 255 ? null : PROTOCOL;
  }

  /**
   * The ports of a permission whose protocol passed {@link #protocol}: ports 0-65535 or -1, from
   * not above to for TCP and UDP; ICMP's from/to are a type and a code, -1 to 255 each; the
   * all-traffic protocol's ports are not read. Returns {field, expected} or null.
   */
  static String[] ports(String protocol, boolean hasFrom, int from, boolean hasTo, int to) {
    if (protocol == null || protocol.equals("-1")) return null;
    String p = protocol.toLowerCase(Locale.ROOT);
    if (p.equals("icmp") || p.equals("icmpv6") || p.equals("1") || p.equals("58")) {
      if (hasFrom && (from < -1 || from > 255)) return new String[] {"FromPort", ICMP};
      if (hasTo && (to < -1 || to > 255)) return new String[] {"ToPort", ICMP};
      return null;
    }
    if (hasFrom && (from < -1 || from > 65535)) return new String[] {"FromPort", PORT};
    if (hasTo && (to < -1 || to > 65535)) return new String[] {"ToPort", PORT};
    boolean tcpOrUdp = p.equals("tcp") || p.equals("udp") || p.equals("6") || p.equals("17");
    if (tcpOrUdp && hasFrom && hasTo && from != -1 && to != -1 && from > to) {
      return new String[] {"ToPort", "a port not below FromPort (" + from + ")"};
    }
    return null;
  }

  static String cidrV4(String cidr) {
    return cidr != null && plainV4(cidr) || valid(cidr, V4_SEEN, V4) ? null : CIDR_V4;
  }

  /**
   * The form EC2 prints nearly every IPv4 CIDR in (a.b.c.d/n, decimal, no leading zeros), told
   * without a parse: a large account has millions of them, and parsing each (or even a hash
   * lookup) costs more than the rest of reading it. It only ever accepts what the library
   * accepts (a test holds it to that); anything else is left to the library.
   */
  static boolean plainV4(String s) {
    int n = s.length();
    int i = 0;
    for (int part = 0; part < 5; part++) {
      int start = i;
      int v = 0;
      while (i < n && i - start < 3) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') break;
        v = v * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) return false;
      if (part == 4) return i == n && v <= 32;
      if (v > 255 || i >= n || s.charAt(i) != (part < 3 ? '.' : '/')) return false;
      i++;
    }
    return false;
  }

  /** The library's verdict alone, for the test that holds {@link #plainV4} to it. */
  static boolean libraryAcceptsV4(String cidr) {
    IPAddressString s = new IPAddressString(cidr, V4);
    return s.isValid() && s.isPrefixed() && s.isIPv4() && cidr.chars().noneMatch(c -> c <= ' ');
  }

  static String cidrV6(String cidr) {
    return valid(cidr, V6_SEEN, V6) ? null : CIDR_V6;
  }

  /**
   * Strict notation, as EC2 prints it: an address and a prefix length, nothing else (no spaces,
   * masks, ranges, wildcards, inet_aton forms, zones). Host bits below the prefix are tolerated,
   * as EC2 tolerates them.
   */
  private static final IPAddressStringParameters V4 = strict(false);
  private static final IPAddressStringParameters V6 = strict(true);

  private static IPAddressStringParameters strict(boolean ipv6) {
    IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
        .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefixOnly(false)
        .allowWildcardedSeparator(false).setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
        .allow_inet_aton(false).allowIPv4(!ipv6).allowIPv6(ipv6);
    // "/0" counts as a leading zero of the prefix length for the library: it must be allowed.
    b.getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowBinary(false).allowPrefixesBeyondAddressSize(false);
    b.getIPv6AddressParametersBuilder().allowZone(false).allowBase85(false).allowBinary(false)
        .allowUnlimitedLeadingZeros(false).allowPrefixesBeyondAddressSize(false);
    return b.toParams();
  }

  /**
   * Valid CIDRs already seen: a large account repeats a few thousand distinct CIDRs over millions
   * of permissions, so most checks are one lookup instead of a parse. Bounded: past the bound a
   * CIDR is parsed each time.
   */
  private static final int SEEN_BOUND = 1 << 16;
  private static final ConcurrentHashMap<String, Boolean> V4_SEEN = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, Boolean> V6_SEEN = new ConcurrentHashMap<>();

  private static boolean valid(String cidr, ConcurrentHashMap<String, Boolean> seen, IPAddressStringParameters params) {
    if (cidr == null) return false;
    if (seen.containsKey(cidr)) return true;
    // The library trims white space; EC2 never writes any, and " 0.0.0.0/0" is not 0.0.0.0/0 to a reader.
    for (int i = 0; i < cidr.length(); i++) if (cidr.charAt(i) <= ' ') return false;
    IPAddressString s = new IPAddressString(cidr, params);
    boolean ok = s.isValid() && s.isPrefixed() && (params == V6 ? s.isIPv6() : s.isIPv4());
    if (ok && seen.size() < SEEN_BOUND) seen.put(cidr, Boolean.TRUE);
    return ok;
  }
}
