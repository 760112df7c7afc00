package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's capture instructions are the capture script, whose files the reader matches by name. */
class CaptureListTest {
  @Test
  void theReadmeCapturesWithTheScript() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("# Audit AWS CLI output you captured");
    assertTrue(start > 0, "the README has a capture example");
    String block = readme.substring(start, readme.indexOf("```", start));
    assertTrue(block.contains("capture-script --region us-east-1 > capture.sh && sh capture.sh capture"), block);
  }

  @Test
  void outputsThatDoNotNameTheirSubjectAreNamedAsTheReaderMatchesThem() {
    String script = CaptureScript.script(List.of("us-east-1"), false, "test");
    assertTrue(script.contains("\"" + AwsCliReader.PARAMETERS_FILE_PREFIX + "$g.json\" rds describe-db-parameters"), script);
    assertTrue(script.contains("\"" + AwsCliReader.PARAMETERS_FILE_PREFIX + "$g.json\" rds describe-db-cluster-parameters"), script);
    assertTrue(script.contains("\"entries-$pl.json\" ec2 get-managed-prefix-list-entries --prefix-list-id \"$pl\""), script);
    assertTrue(script.contains("\"" + AwsCliReader.LB_ATTRIBUTES_FILE_PREFIX + "$lbname.json\" elbv2 describe-load-balancer-attributes --load-balancer-arn \"$lb\""), script);
    assertTrue(script.contains("  for tg in $(list elbv2 describe-target-groups --query 'TargetGroups[].TargetGroupArn'); do\n"
        + "    tgname=${tg%/*}; tgname=${tgname##*/}\n"), script);
    assertTrue(script.contains("\"" + AwsCliReader.TARGET_HEALTH_FILE_PREFIX + "$tgname.json\" elbv2 describe-target-health --target-group-arn \"$tg\""), script);
  }
}
