package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's capture list names every command postern reads, with file names it can match. */
class CaptureListTest {
  static String captureBlock() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("# Audit AWS CLI output you captured");
    assertTrue(start > 0, "the README has a capture list");
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void everyCommandPosternReadsIsInTheReadmeCaptureList() throws IOException {
    String block = captureBlock();
    for (CliKind k : CliKind.values()) {
      assertTrue(block.contains("aws " + k.command + " ") || block.contains("aws " + k.command + "\n"),
          "the capture list runs 'aws " + k.command + "'");
    }
    // Cluster parameter groups are described by their own command, read as the same kind.
    assertTrue(block.contains("aws rds describe-db-cluster-parameters "), "the capture list describes cluster parameter groups");
  }

  @Test
  void outputsThatDoNotNameTheirSubjectAreNamedAsTheReaderMatchesThem() throws IOException {
    String block = captureBlock();
    assertTrue(block.contains("> \"" + AwsCliReader.PARAMETERS_FILE_PREFIX + "$g.json\""), block);
    assertTrue(block.contains("get-managed-prefix-list-entries --prefix-list-id \"$pl\" > \"entries-$pl.json\""), block);
    assertTrue(block.contains("describe-load-balancer-attributes --load-balancer-arn \"$arn\" > \""
        + AwsCliReader.LB_ATTRIBUTES_FILE_PREFIX + "$name.json\""), block);
  }
}
