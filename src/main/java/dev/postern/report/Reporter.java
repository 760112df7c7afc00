package dev.postern.report;

import dev.postern.model.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** One output format over one {@link ScanResult}. */
public interface Reporter {
  void write(ScanResult result, ReportOptions options, Writer out) throws IOException;
}
