package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.BadInputException;
import dev.postern.model.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;

/** A large file read in chunks gives the same model as read whole; a bad one still names its line. */
class ChunkedReadTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/beanstalk-default-insecure/aws");
  long savedBytes;
  int savedElements;

  @TempDir Path tmp;

  @BeforeEach
  void smallChunks() {
    savedBytes = AwsCliReader.chunkFileBytes;
    savedElements = AwsCliReader.chunkElements;
    AwsCliReader.chunkFileBytes = 0;
    AwsCliReader.chunkElements = 2;
  }

  @AfterEach
  void restore() {
    AwsCliReader.chunkFileBytes = savedBytes;
    AwsCliReader.chunkElements = savedElements;
  }

  @Test
  void chunkedEqualsWhole() {
    var chunked = AwsCliReader.parsePages(SCENARIO.resolve("describe-security-groups.json"), CliKind.SECURITY_GROUPS);
    assertTrue(chunked.size() > 1, "read in several chunks");
    int groups = chunked.stream().mapToInt(p -> ((DescribeSecurityGroupsResponse) p.response()).securityGroups().size()).sum();
    var whole = (DescribeSecurityGroupsResponse) AwsCliReader.parse(SCENARIO.resolve("describe-security-groups.json"), CliKind.SECURITY_GROUPS);
    assertEquals(whole.securityGroups().size(), groups);

    Inventory a = InventoryAssembler.assemble(new AwsCliReader("").read(SCENARIO));
    AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
    Inventory b = InventoryAssembler.assemble(new AwsCliReader("").read(SCENARIO));
    assertEquals(b, a);
  }

  @Test
  void aBadElementIsReportedWithTheFilesLine() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(dir.resolve("sg.json"), "{\n \"SecurityGroups\": [\n  {\"GroupId\": \"sg-1\"},\n  {\"GroupId\": \"sg-2\"},\n"
        + "  {\"GroupId\": \"sg-3\", \"IpPermissions\": \"oops\"}\n ]\n}\n");
    BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
        () -> InventoryAssembler.assemble(new AwsCliReader("").read(dir)));
    assertTrue(e.oneLine().contains("sg.json:5"), e.oneLine());
  }
}
