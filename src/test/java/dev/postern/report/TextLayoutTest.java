package dev.postern.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TextLayoutTest {
  @Test
  void widthIgnoresColourAndCountsWideCharactersTwice() {
    assertEquals(4, TextLayout.width("\u001b[1;31mhigh\u001b[0m"));
    assertEquals(4, TextLayout.width("日本"));
    assertEquals(1, TextLayout.width("e\u0301"), "a combining accent takes no column");
    assertEquals(3, TextLayout.width("a→b"));
  }

  @Test
  void ellipsizeKeepsTheStartAndTheWidth() {
    assertEquals("abc", TextLayout.ellipsize("abc", 3));
    assertEquals("ab…", TextLayout.ellipsize("abcd", 3));
    assertEquals("日…", TextLayout.ellipsize("日本語", 4), "never half a wide character");
    assertEquals(4, TextLayout.width(TextLayout.ellipsize("日本語", 4)) + 1);
  }

  @Test
  void wrapCutsAWordLongerThanTheLine() {
    List<String> lines = TextLayout.wrap("see arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x now", 20);
    lines.forEach(l -> assertTrue(TextLayout.width(l) <= 20, l));
    assertEquals("see arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x now", String.join(" ", lines).replace("see ", "see\u0000")
        .replace(" ", "").replace("\u0000", " ").replace("xnow", "x now"));
  }

  @Test
  void hangingIndentStaysWithinTheWidth() {
    List<String> lines = TextLayout.hanging("one two three four five six seven eight nine ten", "  ", "    ", 16);
    assertTrue(lines.get(0).startsWith("  one"), lines.toString());
    assertTrue(lines.get(1).startsWith("    "), lines.toString());
    lines.forEach(l -> assertTrue(l.length() <= 16, l));
  }

  /** The wrapped command, pasted into a shell, runs as the one-line command does. */
  @Test
  void wrappedCommandsStillPasteAsOneCommand() throws Exception {
    String command = "printf %s\\n --group-id sg-0123 --ip-permissions "
        + "'{\"IpProtocol\":\"tcp\",\"FromPort\":3306,\"ToPort\":3306,\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}' "
        + "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/awseb--AWSEB-d3fa/cbebbaf9c6420f0a/65acef9c "
        + "\"a double quoted argument that is much longer than the line is wide\" "
        + "Namespace=aws:ec2:vpc,OptionName=Subnets,Value='subnet a,subnet b' tail";
    List<String> lines = TextLayout.wrapCommand(command, "    fix: ", "           ", 40);
    for (String l : lines) assertTrue(TextLayout.width(l) <= 40, "wider than 40: " + l);
    assertTrue(lines.size() > 5, lines.toString());
    String pasted = String.join("\n", lines).replaceFirst("^    fix: ", "");
    assertEquals(sh(command), sh(pasted));
  }

  @Test
  void aCommandThatFitsIsLeftAlone() {
    assertEquals(List.of("fix: aws ec2 x --y z"), TextLayout.wrapCommand("aws ec2 x --y z", "fix: ", "  ", 80));
  }

  private static String sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
