package dev.postern.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;

/** The one way postern writes JSON: two-space indent, LF line ends, the writer left open. */
final class JsonOutput {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonOutput() {}

  static JsonGenerator pretty(Writer out) throws IOException {
    return pretty(FACTORY.createGenerator(out));
  }

  /** As UTF-8 bytes: the same text, without a character encoder in between. */
  static JsonGenerator pretty(java.io.OutputStream out) throws IOException {
    return pretty(FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8));
  }

  private static JsonGenerator pretty(JsonGenerator g) {
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
    return g;
  }
}
