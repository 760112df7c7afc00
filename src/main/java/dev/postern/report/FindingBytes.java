package dev.postern.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.Reachability;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.Suppression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The elements of the JSON report's findings array as UTF-8 bytes, exactly as
 * {@link JsonReporter#writeFinding} writes them through Jackson's pretty printer (two-space
 * indent, {@code " : "}, arrays on one line) — without a generator: a large report's findings
 * repeat their rule's title, remediation and references, which are encoded once per rule here, and
 * the rest is copied into one growing buffer. Strings are escaped as Jackson's UTF-8 generator
 * does; the rare one holding a surrogate is handed to Jackson itself. {@code FindingBytesTest}
 * holds the two equal.
 */
final class FindingBytes {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** Per ASCII character: 0 as is, a letter for its short escape ({@code \n}), -1 for {@code \\u00XX}. */
  private static final int[] ESCAPES = new int[128];

  static {
    for (int i = 0; i < 32; i++) ESCAPES[i] = -1;
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES[0x08] = 'b';
    ESCAPES[0x09] = 't';
    ESCAPES[0x0C] = 'f';
    ESCAPES[0x0A] = 'n';
    ESCAPES[0x0D] = 'r';
  }

  // Field lead-ins at the findings' depth (4 spaces) and within their objects (6 spaces).
  private static final byte[] F_ID = ascii("{\n    \"id\" : ");
  private static final byte[] F_SEVERITY = ascii(",\n    \"severity\" : ");
  private static final byte[] F_STATUS = ascii(",\n    \"status\" : ");
  private static final byte[] F_RESOURCE_TYPE = ascii(",\n    \"resource\" : {\n      \"type\" : ");
  private static final byte[] R_ID = ascii(",\n      \"id\" : ");
  private static final byte[] R_ARN = ascii(",\n      \"arn\" : ");
  private static final byte[] R_NAME = ascii(",\n      \"name\" : ");
  private static final byte[] R_REGION = ascii(",\n      \"region\" : ");
  private static final byte[] R_ACCOUNT = ascii(",\n      \"account\" : ");
  private static final byte[] END_INNER = ascii("\n    }");
  private static final byte[] F_MESSAGE = ascii(",\n    \"message\" : ");
  private static final byte[] F_EVIDENCE = ascii(",\n    \"evidence\" : [");
  private static final byte[] E_DETAIL = ascii("{\n      \"detail\" : ");
  private static final byte[] E_MESSAGE = ascii(",\n      \"message\" : ");
  private static final byte[] E_SEVERITY = ascii(",\n      \"severity\" : ");
  private static final byte[] E_COMMANDS = ascii(",\n      \"remediationCommands\" : ");
  private static final byte[] F_COMMANDS = ascii(",\n    \"remediationCommands\" : ");
  private static final byte[] F_BASELINE = ascii(",\n    \"baseline\" : ");
  private static final byte[] F_REACH_STATE = ascii(",\n    \"reachability\" : {\n      \"state\" : ");
  private static final byte[] RE_PATH = ascii(",\n      \"path\" : ");
  private static final byte[] RE_REASON = ascii(",\n      \"reason\" : ");
  private static final byte[] F_SUPPRESSION_RULE = ascii(",\n    \"suppression\" : {\n      \"rule\" : ");
  private static final byte[] S_RESOURCE = ascii(",\n      \"resource\" : ");
  private static final byte[] S_REASON = ascii(",\n      \"reason\" : ");
  private static final byte[] S_EXPIRES = ascii(",\n      \"expires\" : ");
  private static final byte[] S_EXPIRED = ascii(",\n      \"expired\" : ");
  private static final byte[] S_OWNER = ascii(",\n      \"owner\" : ");
  private static final byte[] S_TICKET = ascii(",\n      \"ticket\" : ");
  private static final byte[] S_SOURCE = ascii(",\n      \"source\" : ");
  private static final byte[] END_FINDING = ascii("\n  }");

  private byte[] buf;
  private int len;
  private boolean first = true;
  /** Per rule: what comes after the id (ruleId, ruleName, title) and after the finding's commands (remediation is before them). */
  private final Map<RuleInfo, byte[][]> rules = new IdentityHashMap<>();

  FindingBytes(int capacity) {
    buf = new byte[Math.max(capacity, 256)];
  }

  int size() {
    return len;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  /** One element of the findings array: {@code " {…}"} for the first, {@code ", {…}"} after. */
  void finding(Finding f) {
    if (first) {
      first = false;
      raw((byte) ' ');
    } else {
      raw((byte) ',');
      raw((byte) ' ');
    }
    byte[][] rule = rules.computeIfAbsent(f.rule(), FindingBytes::ruleParts);
    raw(F_ID);
    string(f.id());
    raw(rule[0]);
    raw(F_SEVERITY);
    string(f.severity().id());
    raw(F_STATUS);
    string(f.status().name());
    ResourceRef r = f.resource();
    raw(F_RESOURCE_TYPE);
    string(r.type());
    raw(R_ID);
    string(r.id());
    raw(R_ARN);
    string(r.arn());
    raw(R_NAME);
    string(r.name());
    raw(R_REGION);
    string(r.scope().region());
    raw(R_ACCOUNT);
    string(r.scope().account());
    raw(END_INNER);
    raw(F_MESSAGE);
    string(f.message());
    raw(F_EVIDENCE);
    List<Evidence> evidence = f.evidence();
    // A finding's only reason says what the finding says: its message and commands are not repeated.
    boolean one = evidence.size() == 1;
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      raw(i == 0 ? (byte) ' ' : (byte) ',');
      if (i > 0) raw((byte) ' ');
      raw(E_DETAIL);
      string(e.detail());
      if (!one) {
        raw(E_MESSAGE);
        string(e.message());
      }
      raw(E_SEVERITY);
      string(e.severity().id());
      if (!one) {
        raw(E_COMMANDS);
        strings(e.remediationCommands());
      }
      raw(END_INNER);
    }
    raw((byte) ' ');
    raw((byte) ']');
    raw(rule[1]);
    raw(F_COMMANDS);
    strings(f.remediationCommands());
    raw(rule[2]);
    if (f.baseline().isPresent()) {
      raw(F_BASELINE);
      string(f.baseline().get().id());
    }
    if (f.reachability().isPresent()) {
      Reachability reach = f.reachability().get();
      raw(F_REACH_STATE);
      string(reach.state().id());
      raw(RE_PATH);
      string(reach.path());
      raw(RE_REASON);
      string(reach.reason());
      raw(END_INNER);
    }
    if (f.suppression().isPresent()) {
      Suppression s = f.suppression().get();
      raw(F_SUPPRESSION_RULE);
      string(s.rule());
      raw(S_RESOURCE);
      string(s.resource());
      raw(S_REASON);
      string(s.reason());
      raw(S_EXPIRES);
      string(s.expires().toString());
      raw(S_EXPIRED);
      raw(ascii(s.expired() ? "true" : "false"));
      raw(S_OWNER);
      string(s.owner());
      raw(S_TICKET);
      string(s.ticket());
      raw(S_SOURCE);
      string(s.source());
      raw(END_INNER);
    }
    raw(END_FINDING);
  }

  /** A rule's fixed parts of its findings, encoded once. */
  private static byte[][] ruleParts(RuleInfo i) {
    FindingBytes b = new FindingBytes(1024);
    b.raw(ascii(",\n    \"ruleId\" : "));
    b.string(i.id());
    b.raw(ascii(",\n    \"ruleName\" : "));
    b.string(i.name());
    b.raw(ascii(",\n    \"title\" : "));
    b.string(i.title());
    byte[] afterId = b.take();
    b.raw(ascii(",\n    \"remediation\" : "));
    b.string(i.remediation());
    byte[] beforeCommands = b.take();
    b.raw(ascii(",\n    \"compliance\" : "));
    b.strings(i.compliance());
    b.raw(ascii(",\n    \"references\" : "));
    b.strings(i.references());
    return new byte[][] {afterId, beforeCommands, b.take()};
  }

  private byte[] take() {
    byte[] out = java.util.Arrays.copyOf(buf, len);
    len = 0;
    return out;
  }

  /** {@code [ "a", "b" ]}, or {@code [ ]}. */
  private void strings(List<String> values) {
    raw((byte) '[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) raw((byte) ',');
      raw((byte) ' ');
      string(values.get(i));
    }
    raw((byte) ' ');
    raw((byte) ']');
  }

  private void raw(byte b) {
    if (len == buf.length) grow(1);
    buf[len++] = b;
  }

  private void raw(byte[] b) {
    if (len + b.length > buf.length) grow(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void grow(int more) {
    buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
  }

  /** A quoted, escaped string, as Jackson's UTF-8 generator writes it. */
  private void string(String s) {
    int n = s.length();
    // At most 6 bytes per character (an escape), plus the quotes.
    if (len + 6 * n + 2 > buf.length) grow(6 * n + 2);
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        int esc = ESCAPES[c];
        if (esc == 0) {
          b[p++] = (byte) c;
        } else if (esc > 0) {
          b[p++] = '\\';
          b[p++] = (byte) esc;
        } else {
          b[p++] = '\\';
          b[p++] = 'u';
          b[p++] = '0';
          b[p++] = '0';
          b[p++] = HEX[c >> 4];
          b[p++] = HEX[c & 0xF];
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        jackson(s);
        return;
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[p++] = '"';
    len = p;
  }

  /** A string with surrogates: Jackson decides how they are written (escaped, combined or refused). */
  private void jackson(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 6 + 2);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by an in-memory stream
    }
    raw(out.toByteArray());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
