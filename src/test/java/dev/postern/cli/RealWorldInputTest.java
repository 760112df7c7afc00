package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs as they come from real captures (issue 13): the scope is taken from each resource's own
 * fields, valid input is never refused.
 */
class RealWorldInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path AWS_DOC_CLUSTERS = Path.of("src/test/resources/realworld/describe-db-clusters-aws-doc.json");

  /**
   * Internet → sg-web (tcp/22 open, on an instance with a public address) → the documented
   * cluster's group (tcp/3306 from sg-web), in account 123456789012; no SecurityGroupArn anywhere
   * (older and account-redacted captures lack it); plus the default group trusting itself.
   */
  static final String GROUPS = """
      {"SecurityGroups": [
        {"GroupId": "sg-web", "GroupName": "web", "OwnerId": "123456789012", "VpcId": "vpc-1", "Description": "web",
         "IpPermissionsEgress": [],
         "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                            "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]},
        {"GroupId": "sg-0b9130572daf3dc16", "GroupName": "aurora", "OwnerId": "123456789012", "VpcId": "vpc-1", "Description": "db",
         "IpPermissionsEgress": [],
         "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                            "UserIdGroupPairs": [{"GroupId": "sg-web", "UserId": "123456789012"}]}]},
        {"GroupId": "sg-0a1", "GroupName": "default", "OwnerId": "123456789012", "VpcId": "vpc-1",
         "Description": "default VPC security group", "IpPermissionsEgress": [],
         "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                            "UserIdGroupPairs": [{"GroupId": "sg-0a1", "UserId": "123456789012"}]}]}
      ]}
      """;

  static final String INSTANCES = """
      {"Reservations": [{"ReservationId": "r-1", "OwnerId": "123456789012", "Instances": [
        {"InstanceId": "i-web", "State": {"Name": "running"}, "VpcId": "vpc-1", "SubnetId": "subnet-1",
         "PublicIpAddress": "203.0.113.10", "Placement": {"AvailabilityZone": "us-east-1a"},
         "SecurityGroups": [{"GroupId": "sg-web", "GroupName": "web"}]}]}]}
      """;

  static Path chain(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.copy(AWS_DOC_CLUSTERS, dir.resolve("describe-db-clusters.json"));
    Files.writeString(dir.resolve("describe-security-groups.json"), GROUPS);
    Files.writeString(dir.resolve("describe-instances.json"), INSTANCES);
    return dir;
  }

  record Scan(Scenarios.Run run, JsonNode report) {
    List<JsonNode> findings(String rule, String status) {
      List<JsonNode> out = new ArrayList<>();
      report.path("findings").forEach(f -> {
        if (f.path("ruleName").asText().equals(rule) && f.path("status").asText().equals(status)) out.add(f);
      });
      return out;
    }

    Set<String> scopes() {
      Set<String> out = new TreeSet<>();
      report.path("scopes").forEach(s -> out.add(s.path("account").asText() + "/" + s.path("region").asText()));
      return out;
    }
  }

  static Scan scan(Path tmp, Path dir, String... more) throws IOException {
    Path report = tmp.resolve("report-" + System.nanoTime() + ".json");
    List<String> args = new ArrayList<>(List.of("scan", "--from-aws-cli", dir.toString(), "-o", "json=" + report, "--show-pass"));
    args.addAll(List.of(more));
    Scenarios.Run run = Scenarios.run(args.toArray(String[]::new));
    assertTrue(Files.exists(report), "a report is written; stderr: " + run.err());
    return new Scan(run, JSON.readTree(report.toFile()));
  }

  /** The regression: a cross-account KMS key must not make the scope, nor hide the critical route. */
  @Test
  void aForeignKmsKeyInTheDocumentedClusterDoesNotBecomeTheScope(@TempDir Path tmp) throws IOException {
    Scan s = scan(tmp, chain(tmp.resolve("capture")));
    assertEquals(Set.of("123456789012/us-east-1"), s.scopes(), "the scope is the resources' own account and region");
    List<JsonNode> route = s.findings("path-internet-to-datastore", "FAIL");
    assertEquals(1, route.size(), "the critical route is found: " + s.report().path("findings"));
    assertEquals("mydbcluster", route.get(0).path("resource").path("id").asText());
    assertEquals("critical", route.get(0).path("severity").asText());
    assertTrue(route.get(0).path("message").asText().startsWith("Internet → sg-web tcp/22 → sg-0b9130572daf3dc16 tcp/3306"));
    assertEquals(List.of(), s.findings("trust-dangling-reference", "FAIL"), "no reference looks foreign or dangling");
    assertEquals(Set.of("sg-0a1", "sg-0b9130572daf3dc16", "sg-web"), ids(s.findings("trust-dangling-reference", "PASS")));
    assertTrue(s.run().err().isEmpty(), "no warning: " + s.run().err());
  }

  /** The default group of the issue, alone, with the account of its own example and no ARN anywhere. */
  @Test
  void aDefaultGroupTrustingItselfIsNotAForeignReference(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("capture"));
    Files.writeString(dir.resolve("sg.json"), """
        {"SecurityGroups": [{"GroupId": "sg-0a1", "GroupName": "default", "OwnerId": "111122223333", "VpcId": "vpc-1",
          "Description": "default VPC security group", "IpPermissionsEgress": [],
          "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                             "UserIdGroupPairs": [{"GroupId": "sg-0a1", "UserId": "111122223333"}]}]}]}
        """);
    Scan s = scan(tmp, dir, "--region", "us-east-1");
    assertEquals(Set.of("111122223333/us-east-1"), s.scopes());
    assertEquals(List.of(), s.findings("trust-dangling-reference", "FAIL"));
    assertEquals(Set.of("sg-0a1"), ids(s.findings("trust-dangling-reference", "PASS")));
  }

  /** The precedence the help states: region folder › --region › the data; a contradiction names the file. */
  @Test
  void regionFolderThenRegionFlagThenTheData(@TempDir Path tmp) throws IOException {
    Scan fromData = scan(tmp, chain(tmp.resolve("plain")));
    assertEquals(Set.of("123456789012/us-east-1"), fromData.scopes());

    Scan flag = scan(tmp, chain(tmp.resolve("flag")), "--region", "eu-west-1");
    assertEquals(Set.of("123456789012/eu-west-1"), flag.scopes(), "--region overrides what the data say");
    assertTrue(flag.run().err().contains("describe-db-clusters.json: resources in us-east-1, but --region says eu-west-1"), flag.run().err());
    assertEquals(1, flag.findings("path-internet-to-datastore", "FAIL").size(), "the scan is whole in the chosen region");

    Scan folder = scan(tmp, chain(tmp.resolve("folder").resolve("eu-central-1")).getParent(), "--region", "eu-west-1");
    assertEquals(Set.of("123456789012/eu-central-1"), folder.scopes(), "the region folder wins over --region");
    assertTrue(folder.run().err().contains("eu-central-1" + java.io.File.separator + "describe-instances.json: resources in us-east-1, but its folder says eu-central-1"),
        folder.run().err());
  }

  /** {@code <account>/<region>/} folders set both; the data do not override them. */
  @Test
  void accountFoldersAreHonoured(@TempDir Path tmp) throws IOException {
    Path root = tmp.resolve("accounts");
    chain(root.resolve("123456789012").resolve("us-east-1"));
    Scan s = scan(tmp, root);
    assertEquals(Set.of("123456789012/us-east-1"), s.scopes());
    assertEquals(1, s.findings("path-internet-to-datastore", "FAIL").size());
    assertTrue(s.run().err().isEmpty(), s.run().err());
  }

  /** One folder holding two accounts' groups is two scopes, and a reference between them resolves. */
  @Test
  void severalAccountsInOneFolderAreSeveralScopes(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("org"));
    Files.writeString(dir.resolve("sg.json"), """
        {"SecurityGroups": [
          {"GroupId": "sg-a", "GroupName": "a", "OwnerId": "111111111111", "VpcId": "vpc-a",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                              "UserIdGroupPairs": [{"GroupId": "sg-b", "UserId": "222222222222"}]}]},
          {"GroupId": "sg-b", "GroupName": "b", "OwnerId": "222222222222", "VpcId": "vpc-b",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                              "UserIdGroupPairs": [{"GroupId": "sg-gone", "UserId": "222222222222"}]}]}
        ]}
        """);
    Scan s = scan(tmp, dir, "--region", "us-east-1");
    assertEquals(Set.of("111111111111/us-east-1", "222222222222/us-east-1"), s.scopes());
    List<JsonNode> dangling = s.findings("trust-dangling-reference", "FAIL");
    assertEquals(1, dangling.size(), "sg-a's reference to sg-b resolves in sg-b's own scope: " + dangling);
    assertEquals("sg-b", dangling.get(0).path("resource").path("id").asText());
    assertEquals("222222222222", dangling.get(0).path("resource").path("account").asText());
    assertTrue(dangling.get(0).path("message").asText().contains("no such group exists in 222222222222/us-east-1"));
  }

  /** A capture loop over every parameter group writes files for groups no DB here uses: accepted. */
  @Test
  void parametersOfAGroupNoDatabaseUsesAreAccepted(@TempDir Path tmp) throws IOException {
    Path dir = chain(tmp.resolve("loop"));
    Files.writeString(dir.resolve("describe-db-instances.json"), """
        {"DBInstances": [{"DBInstanceIdentifier": "db1", "Engine": "mysql", "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db1",
          "DBParameterGroups": [{"DBParameterGroupName": "app-mysql"}], "StorageEncrypted": true}]}
        """);
    Files.writeString(dir.resolve("describe-db-parameters-app-mysql.json"),
        "{\"Parameters\": [{\"ParameterName\": \"require_secure_transport\", \"ParameterValue\": \"1\"}]}");
    Files.writeString(dir.resolve("describe-db-parameters-app-mysql-old.json"),
        "{\"Parameters\": [{\"ParameterName\": \"require_secure_transport\", \"ParameterValue\": \"0\"}]}");
    Files.writeString(dir.resolve("describe-db-parameters-unused.json"), "{\"Parameters\": []}");
    Scan s = scan(tmp, dir);
    assertTrue(s.run().code() == 4, "scanned, not refused: " + s.run().err());
    assertEquals(Set.of("db1"), ids(s.findings("rds-transport-not-encrypted", "PASS")),
        "db1 is judged by its own group's file, not by app-mysql-old's");
  }

  /** boto3 prints timestamps with a space ({@code str(datetime)}); postern reads none of them. */
  @Test
  void aBoto3TimestampInAFieldPosternNeverReadsIsAccepted(@TempDir Path tmp) throws IOException {
    Path dir = chain(tmp.resolve("boto3"));
    String clusters = Files.readString(dir.resolve("describe-db-clusters.json"))
        .replace("\"2019-04-15T14:18:42.785Z\"", "\"2020-10-09 06:51:30+00:00\"")
        .replace("\"2019-06-19T09:16:28.210Z\"", "\"2020-10-09 06:51:30.123456+00:00\"");
    Files.writeString(dir.resolve("describe-db-clusters.json"), clusters);
    Scan s = scan(tmp, dir);
    assertEquals(4, s.run().code(), "scanned, not refused: " + s.run().err());
    assertEquals(1, s.findings("path-internet-to-datastore", "FAIL").size());
    Path snapshot = tmp.resolve("snap.json");
    assertEquals(4, Scenarios.run("scan", "--from-aws-cli", dir.toString(), "--save-snapshot", snapshot.toString(), "-o", "json=" + tmp.resolve("r.json")).code());
    String saved = Files.readString(snapshot);
    assertTrue(saved.contains("2020-10-09T06:51:30Z") && saved.contains("2020-10-09T06:51:30.123456Z"), "the instants are kept, not misread");
  }

  /** Unknown is never PASS: listed with --show-pass, counted, and saying what to capture. */
  @Test
  void aPrefixListWithoutEntriesIsUnknownInTheReport(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("pl"));
    Files.writeString(dir.resolve("sg.json"), """
        {"SecurityGroups": [{"GroupId": "sg-pl", "GroupName": "partners", "OwnerId": "123456789012", "VpcId": "vpc-1",
          "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "PrefixListIds": [{"PrefixListId": "pl-0789"}]}]}]}
        """);
    Scenarios.Run table = Scenarios.run("scan", "--from-aws-cli", dir.toString(), "--region", "us-east-1", "--show-pass");
    assertTrue(table.out().matches("(?s).*unknown +sg-db-port-open-to-internet +security-group sg-pl \\(partners\\).*"), table.out());
    // The message wraps at the table's width (80 here): compare with line breaks as spaces.
    assertTrue(table.out().replaceAll("\\s+", " ").contains("aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-0789"), table.out());
    // The other: sg-unused cannot tell whether the group is used when no interface or instance was captured.
    assertTrue(table.out().contains(", 2 not evaluated"), table.out());
    assertTrue(table.out().matches("(?s).*unknown +sg-unused.*"), table.out());
    Scan s = scan(tmp, dir, "--region", "us-east-1");
    assertEquals(List.of(), s.findings("sg-db-port-open-to-internet", "PASS"));
    assertEquals(2, s.report().path("summary").path("unknown").asInt());
  }

  static Set<String> ids(List<JsonNode> findings) {
    Set<String> out = new TreeSet<>();
    findings.forEach(f -> out.add(f.path("resource").path("id").asText()));
    return out;
  }
}
