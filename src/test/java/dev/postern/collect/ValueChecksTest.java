package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The value rules of {@link ValueChecks}, and its fast path for plain IPv4 CIDRs held to the library. */
class ValueChecksTest {
  @Test
  void plainIpv4FastPathAcceptsOnlyWhatTheLibraryAccepts() {
    Random r = new Random(13);
    String alphabet = "0123456789./: x-";
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      String s;
      if (i % 2 == 0) { // near the plain form: numbers around the limits
        s = r.nextInt(300) + "." + r.nextInt(300) + "." + (r.nextInt(10) == 0 ? "0" + r.nextInt(10) : r.nextInt(260)) + "."
            + r.nextInt(256) + "/" + (r.nextInt(10) == 0 ? "0" + r.nextInt(4) : r.nextInt(40));
      } else { // anything
        StringBuilder b = new StringBuilder();
        for (int k = r.nextInt(20); k > 0; k--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        s = b.toString();
      }
      if (ValueChecks.plainV4(s)) {
        accepted++;
        assertTrue(ValueChecks.libraryAcceptsV4(s), s);
      }
    }
    assertTrue(accepted > 10_000, "the fast path is exercised: " + accepted);
    for (String s : List.of("0.0.0.0/0", "10.0.0.5/8", "255.255.255.255/32", "192.168.1.0/24")) assertTrue(ValueChecks.plainV4(s), s);
    for (String s : List.of("0.0.0.0", " 0.0.0.0/0", "256.0.0.0/8", "10.0.0.0/33", "010.0.0.0/8", "10.0.0/8", "10.0.0.0/8 ", "1.2.3.4/255.0.0.0")) {
      assertFalse(ValueChecks.plainV4(s), s);
      assertEquals(ValueChecks.CIDR_V4, ValueChecks.cidrV4(s), s);
    }
  }

  @Test
  void protocolsAndPorts() {
    for (String ok : List.of("tcp", "UDP", "icmp", "IcmpV6", "-1", "0", "6", "255", "50")) assertNull(ValueChecks.protocol(ok), ok);
    for (String bad : List.of("", "256", "06", "+6", "-2", " tcp", "tcp ", "all", "1000")) assertEquals(ValueChecks.PROTOCOL, ValueChecks.protocol(bad), bad);
    assertNull(ValueChecks.ports("tcp", true, -1, true, -1));
    assertNull(ValueChecks.ports("icmp", true, 8, true, 0)); // type above code is fine: not a range
    assertNull(ValueChecks.ports("-1", true, 99999, true, -5)); // not read for all traffic
    assertEquals("ToPort", ValueChecks.ports("udp", true, 53, true, 52)[0]);
    assertEquals("FromPort", ValueChecks.ports("icmpv6", true, 256, true, 0)[0]);
    assertEquals("ToPort", ValueChecks.ports("50", false, 0, true, 65536)[0]);
  }
}
