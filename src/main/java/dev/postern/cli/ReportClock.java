package dev.postern.cli;

import dev.postern.model.BadInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * When a report is made: {@code SOURCE_DATE_EPOCH} (seconds since 1970, UTC) when it is set, so that
 * tests and reproducible pipelines get byte-identical reports; else now, to the second. The same
 * instant fills {@code generatedAt} and the {@code {date}} and {@code {time}} of output file names.
 */
record ReportClock(Instant instant) {
  static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

  static ReportClock of(Map<String, String> env) {
    String epoch = env.get(SOURCE_DATE_EPOCH);
    if (epoch == null || epoch.isBlank()) return new ReportClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    if (!epoch.trim().matches("\\d{1,12}")) {
      throw new BadInputException(SOURCE_DATE_EPOCH, "expected a whole number of seconds since 1970-01-01 UTC, found '" + epoch + "'");
    }
    return new ReportClock(Instant.ofEpochSecond(Long.parseLong(epoch.trim())));
  }

  /** ISO-8601, UTC, to the second: {@code 2026-12-03T13:20:00Z}. */
  String iso() {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** {@code 2026-12-03}. */
  String date() {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(instant);
  }

  /** {@code 132000}: hours, minutes, seconds (no colons: it is for file names). */
  String time() {
    return DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC).format(instant);
  }
}
