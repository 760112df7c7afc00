package dev.postern.cli;

import static dev.postern.cli.BadInputTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, cases 3 and 5: a malformed value postern reads is refused (exit 2, one line:
 * FILE:LINE: JSON path: expected …, found …), never read as matching nothing; and no input makes
 * postern crash (exit 1).
 */
class MalformedInputTest {
  @TempDir Path tmp;

  /** One security group admitting {@code permission} (a JSON object), pretty-printed: the permission starts on line 6. */
  static String group(String permission) {
    return """
        {
          "SecurityGroups": [
            {
              "GroupId": "sg-0a1", "GroupName": "db", "OwnerId": "111122223333", "VpcId": "vpc-1",
              "IpPermissions": [
                %s
              ],
              "IpPermissionsEgress": []
            }
          ]
        }
        """.formatted(permission);
  }

  Path dirWith(String name, String content) throws IOException {
    Path d = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(d.resolve(name), content);
    return d;
  }

  Run scan(Path dir) {
    return Run.of("scan", "--from-aws-cli", dir.toString(), "--region", "eu-west-1");
  }

  // ---- 3. Malformed values are refused -------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\" 0.0.0.0/0\"    | \" 0.0.0.0/0\"",
      "\"300.1.1.1/40\"  | \"300.1.1.1/40\"",
      "\"0.0.0.0\"       | \"0.0.0.0\"",
      "null              | null",
      "\"::/0\"          | \"::/0\"",
      "22                | 22"})
  void badIpv4CidrIsRefused(String cidr, String found) throws IOException {
    Path d = dirWith("sg.json", group("{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\": " + cidr + "}]}"));
    assertOneLine(scan(d), "sg.json:6: SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: expected an IPv4 CIDR such as 10.0.0.0/16, found "
        + found);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2001:db8::\"", "\"0.0.0.0/0\"", "\"fe80::1%eth0/64\"", "null"})
  void badIpv6CidrIsRefused(String cidr) throws IOException {
    Path d = dirWith("sg.json", group("{\"IpProtocol\": \"-1\", \"Ipv6Ranges\": [{\"CidrIpv6\": " + cidr + "}]}"));
    assertOneLine(scan(d), "sg.json:6: SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0].CidrIpv6: expected an IPv6 CIDR", "found " + cidr);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"256\"  | \"256\"",
      "\"tcpp\" | \"tcpp\"",
      "\"06\"   | \"06\"",
      "\"\"     | \"\""})
  void badProtocolIsRefused(String protocol, String found) throws IOException {
    Path d = dirWith("sg.json", group("{\"IpProtocol\": " + protocol + ", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}"));
    assertOneLine(scan(d), "sg.json:6: SecurityGroups[0].IpPermissions[0].IpProtocol: expected a protocol (tcp, udp, icmp, icmpv6, a number from 0 to 255, or -1 for all), found "
        + found);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tcp  | 3306  | 22     | ToPort: expected a port not below FromPort (3306), found 22",
      "tcp  | 22    | 70000  | ToPort: expected a port from 0 to 65535, or -1, found 70000",
      "udp  | -2    | 53     | FromPort: expected a port from 0 to 65535, or -1, found -2",
      "6    | 99999 | 99999  | FromPort: expected a port from 0 to 65535, or -1, found 99999",
      "icmp | 8     | 256    | ToPort: expected an ICMP type or code from -1 to 255, found 256"})
  void badPortsAreRefused(String protocol, int from, int to, String message) throws IOException {
    Path d = dirWith("sg.json", group("{\"IpProtocol\": \"" + protocol + "\", \"FromPort\": " + from + ", \"ToPort\": " + to
        + ", \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}"));
    assertOneLine(scan(d), "sg.json:6: SecurityGroups[0].IpPermissions[0]." + message);
  }

  @Test
  void portGivenAsHexStringIsRefusedWithThePath() throws IOException {
    Path d = dirWith("sg.json", group("{\"IpProtocol\": \"tcp\", \"FromPort\": \"0x16\", \"ToPort\": 22}"));
    assertOneLine(scan(d), "sg.json:6: SecurityGroups[0].IpPermissions[0].FromPort: expected a whole number, found \"0x16\"");
  }

  /** Databind truncated 1.5 to 1: a port read so matches another port. 22.0 is still 22. */
  @Test
  void portWithAFractionIsRefused() throws IOException {
    Path d = dirWith("sg.json", group("{\"IpProtocol\": \"tcp\", \"FromPort\": 22.0, \"ToPort\": 1.5}"));
    assertOneLine(scan(d), "sg.json:6: SecurityGroups[0].IpPermissions[0].ToPort: expected a whole number, found 1.5");
  }

  /** What EC2 itself writes must still be read: ICMP type/code, -1 ports, host bits, IPv6, other protocols. */
  @Test
  void validEdgeValuesAreRead() throws IOException {
    Path d = dirWith("sg.json", group(String.join(",\n", List.of(
        "{\"IpProtocol\": \"icmp\", \"FromPort\": 8, \"ToPort\": -1, \"IpRanges\": [{\"CidrIp\": \"10.0.0.5/8\"}]}",
        "{\"IpProtocol\": \"icmpv6\", \"FromPort\": -1, \"ToPort\": -1, \"Ipv6Ranges\": [{\"CidrIpv6\": \"2001:db8::/32\"}]}",
        "{\"IpProtocol\": \"tcp\", \"FromPort\": 0, \"ToPort\": 65535, \"Ipv6Ranges\": [{\"CidrIpv6\": \"::/0\"}]}",
        "{\"IpProtocol\": \"50\", \"IpRanges\": [{\"CidrIp\": \"192.0.2.0/24\"}]}",
        "{\"IpProtocol\": \"-1\", \"FromPort\": 99999, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}"))));
    Run r = scan(d);
    assertTrue(r.exit() == 4 || r.exit() == 5, "read, with findings or incomplete (one kind only); stderr: " + r.err());
    assertTrue(r.err().lines().noneMatch(l -> l.startsWith("error:")), r.err());
    assertTrue(r.out().contains("sg-0a1"), r.out());
  }

  @Test
  void nullMainListIsRefusedNotReadAsEmpty() throws IOException {
    Path d = dirWith("lb.json", "{\n  \"LoadBalancers\": null\n}\n");
    assertOneLine(scan(d), "lb.json:2: LoadBalancers: expected a list, found null");
  }

  /** A large file is read in parts by the fast reader: the same refusal, the same line. */
  @Test
  void refusedTheSameWhenReadInParts() throws IOException {
    StringBuilder b = new StringBuilder("{\n  \"SecurityGroups\": [\n");
    int groups = 60_000; // above the 16 MiB at which a file is read in parts
    for (int i = 0; i < groups; i++) {
      String cidr = i == groups - 10 ? "10.0.0.0/33" : "10.0." + (i % 250) + ".0/24";
      b.append("    {\"GroupId\": \"sg-").append(i).append("\", \"OwnerId\": \"111122223333\", \"Description\": \"")
          .append("x".repeat(200)).append("\", \"IpPermissions\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, ")
          .append("\"IpRanges\": [{\"CidrIp\": \"").append(cidr).append("\"}]}]}").append(i + 1 < groups ? ",\n" : "\n");
    }
    b.append("  ]\n}\n");
    Path d = dirWith("sg.json", b.toString());
    assertTrue(Files.size(d.resolve("sg.json")) > 16L << 20, "large enough to be read in parts");
    assertOneLine(scan(d), "sg.json:" + (groups - 10 + 3) + ": SecurityGroups[" + (groups - 10)
        + "].IpPermissions[0].IpRanges[0].CidrIp: expected an IPv4 CIDR such as 10.0.0.0/16, found \"10.0.0.0/33\"");
  }

  // ---- 5. No crash on any input --------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vpc.json   | {\"Vpcs\": [null]}                                                              | Vpcs[0]: expected a list element, found null",
      "vpc.json   | {\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"Tags\": [null]}]}                          | Vpcs[0].Tags[0]: expected a list element, found null",
      "cc.json    | {\"CacheClusters\": [null]}                                                     | CacheClusters[0]: expected a list element, found null",
      "sg.json    | {\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"IpPermissions\": [{\"IpProtocol\": \"-1\", \"UserIdGroupPairs\": [null]}]}]} | SecurityGroups[0].IpPermissions[0].UserIdGroupPairs[0]: expected a list element, found null",
      "sg.json    | {\"SecurityGroups\": [{\"GroupName\": \"no-id\"}]}                               | SecurityGroups[0].GroupId: expected a security group id, found no GroupId",
      "lb.json    | {\"LoadBalancers\": [{\"LoadBalancerName\": \"no-arn\"}]}                        | LoadBalancers[0].LoadBalancerArn: expected a load balancer ARN, found no LoadBalancerArn",
      "lb.json    | {\"LoadBalancers\": [{\"LoadBalancerArn\": null}]}                               | LoadBalancers[0].LoadBalancerArn: expected a load balancer ARN, found null",
      "lb.json    | {\"LoadBalancers\": [{\"LoadBalancerArn\": \"arn:x\", \"SecurityGroups\": [null]}]} | LoadBalancers[0].SecurityGroups[0]: expected a list element, found null"})
  void nullsAndMissingIdsAreRefusedNotACrash(String file, String json, String message) throws IOException {
    Path d = dirWith(file, json);
    assertOneLine(scan(d), file + ":1: " + message);
  }

  /** A null inside a list postern never reads is not its business: the file is read. */
  @Test
  void nullInAListNeverReadIsLeftAlone() throws IOException {
    Path d = dirWith("lb.json", "{\"LoadBalancers\": [{\"LoadBalancerArn\": \"arn:x\", \"IpAddressType\": null,"
        + " \"AvailabilityZones\": [{\"SubnetId\": \"subnet-1\", \"LoadBalancerAddresses\": [null]}]}]}");
    Run r = scan(d);
    assertEquals(5, r.exit(), r.err());
  }

  /** A snapshot is user input too: a null element or a bad CIDR in it is refused, not a crash or a silent miss. */
  @Test
  void snapshotWithNullElementOrBadCidrIsRefused() throws IOException {
    Path snap = tmp.resolve("snap.json");
    Run saved = Run.of("scan", "--from-aws-cli", "src/test/resources/scenarios/vprofile/aws", "--save-snapshot", snap.toString());
    assertTrue(saved.exit() == 4 || saved.exit() == 0, saved.err());
    String text = Files.readString(snap);
    assertTrue(text.contains("\"0.0.0.0/0\""), "the snapshot has an open CIDR to break");
    Path nulled = Files.writeString(tmp.resolve("nulled.json"), text.replaceFirst("\"Vpcs\"\\s*:\\s*\\[", "\"Vpcs\": [null,"));
    assertOneLine(Run.of("scan", "--from-snapshot", nulled.toString()), "nulled.json:",
        "in the ec2 describe-vpcs output here: Vpcs[0]: expected a list element, found null");
    Path badCidr = Files.writeString(tmp.resolve("cidr.json"), text.replace("\"0.0.0.0/0\"", "\"0.0.0.0\""));
    assertOneLine(Run.of("scan", "--from-snapshot", badCidr.toString()), "cidr.json:", ".CidrIp: expected an IPv4 CIDR");
  }

  @Test
  void symlinkLoopIsAWarning() throws IOException {
    Path d = dirWith("sg.json", "{\"SecurityGroups\": []}");
    Files.createSymbolicLink(d.resolve("loop"), d.toAbsolutePath());
    Run r = scan(d);
    assertEquals(5, r.exit(), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: ") && l.contains("loop") && l.contains("symbolic link")), r.err());
  }

  @Test
  void fifoAndDirectoryNamedJsonAreWarnings() throws Exception {
    Path d = dirWith("sg.json", "{\"SecurityGroups\": []}");
    Files.createDirectories(d.resolve("odd.json"));
    Process mkfifo = new ProcessBuilder("mkfifo", d.resolve("pipe.json").toString()).start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    Run r = scan(d); // reading the FIFO would block forever
    assertEquals(5, r.exit(), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: ") && l.contains("pipe.json") && l.contains("not a regular file")), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: ") && l.contains("odd.json") && l.contains("directory")), r.err());
  }
}
