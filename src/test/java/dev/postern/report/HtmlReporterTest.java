package dev.postern.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's safety properties that a browser would not report: nothing closes its script blocks early, and its CSP hashes are of what it carries. */
class HtmlReporterTest {
  private static final String HOSTILE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>";

  private static String page() throws Exception {
    RuleInfo rule = new RuleInfo("X-1", "sg-open-to-internet", "Open </title> to the Internet", Severity.HIGH, "ec2", "security-group",
        "check", "d", "Fix " + HOSTILE, List.of("https://example.invalid/"), List.of());
    ResourceRef res = new ResourceRef("security-group", "sg-1", "", HOSTILE, new Scope("123456789012", "us-east-1"));
    Finding f = new Finding(Finding.idOf(rule.name(), res), rule, Severity.HIGH, Status.FAIL, res, "message " + HOSTILE,
        List.of(new Evidence("", "message " + HOSTILE, Severity.HIGH, List.of("aws ec2 x " + HOSTILE))));
    ScanResult r = new ScanResult("test", List.of(res.scope()), List.of(f), List.of(), 1);
    StringWriter w = new StringWriter();
    new HtmlReporter(List.of()).write(r, ReportOptions.plain(), w);
    return w.toString();
  }

  @Test
  void resourceTextCannotEndAScriptOrOpenAnElement() throws Exception {
    String html = page();
    // Three script blocks (data, Tabulator, the page's own), each closed once, at its end.
    assertEquals(3, html.split("</script>", -1).length - 1, "a script block closed early");
    assertFalse(html.contains("<img"), "markup from resource text");
    assertFalse(html.contains("<!-- <"), "a comment opened from resource text");
    assertTrue(html.contains("\\u003c/script>\\u003cscript>alert(1)"), "the text is in the data, escaped");
    assertEquals(page(), html, "same result, same bytes");
  }

  @Test
  void cspAllowsExactlyTheInlineBlocksItCarries() throws Exception {
    String html = page();
    Matcher csp = Pattern.compile("content=\"(default-src[^\"]*)\"").matcher(html);
    assertTrue(csp.find());
    String policy = csp.group(1).replace("&#39;", "'").replace("&#61;", "=");
    assertTrue(policy.startsWith("default-src 'none'; "), policy);
    assertFalse(policy.contains("unsafe"), policy);
    List<String> scripts = new ArrayList<>();
    Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    while (m.find()) scripts.add(HtmlReporter.hash(m.group(1)));
    assertEquals(2, scripts.size());
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
    assertTrue(style.find());
    assertTrue(policy.contains("script-src " + String.join(" ", scripts) + ";"), policy);
    assertTrue(policy.contains("style-src " + HtmlReporter.hash(style.group(1)) + ";"), policy);
    assertFalse(html.contains(" style=\""), "a style attribute, which the policy would block");
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing is loaded from the network");
  }
}
