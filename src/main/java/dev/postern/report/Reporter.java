package dev.postern.report;

import dev.postern.model.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** One output format over one {@link ScanResult}. */
public interface Reporter {
  void write(ScanResult result, ReportOptions options, Writer out) throws IOException;

  /** Into a file: UTF-8. A format that can write bytes directly does (a large report is written faster). */
  default void write(ScanResult result, ReportOptions options, java.io.OutputStream out) throws IOException {
    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
    write(result, options, w);
    w.flush();
  }
}
