package dev.postern.model;

import java.util.List;
import java.util.Locale;

/**
 * How an input problem is worded for a user: JSON paths, values as found, what a type means in
 * words, and parser messages without the parser's internals (class names, feature names). Every
 * reader of user files (AWS CLI JSON, snapshots, rules, suppressions, reports) words its errors
 * with these, so that no message names a Java type.
 */
public final class InputText {
  private InputText() {}

  private static final int LONGEST_SHOWN = 60;

  /** {@code SecurityGroups[3].IpPermissions[0].FromPort} from field names (String) and indices (Integer). */
  public static String path(List<?> parts) {
    StringBuilder b = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        if (b.length() > 0) b.append('.');
        b.append(part);
      }
    }
    return b.toString();
  }

  /** A string value as JSON would write it, control characters escaped and long values cut. */
  public static String quoted(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(s.length(), LONGEST_SHOWN);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    if (s.length() > n) b.append('…');
    return b.append('"').toString();
  }

  /** What a value of {@code type} looks like in JSON, for "expected …". */
  public static String expectedFor(Class<?> type) {
    if (type == null) return "a value of another type";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
        || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) return "a number";
    if (type == String.class || type.isEnum()) return "a string";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == java.time.Instant.class) return "a timestamp such as 2020-01-01T00:00:00Z";
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
    return "an object";
  }

  /**
   * A JSON or YAML parser's message made fit for a user: the first line, without the parts that
   * name the parser's own classes, features or limits' accessors (text in backticks, "[Source: …]").
   */
  public static String parserMessage(String original) {
    if (original == null || original.isBlank()) return "not readable";
    String s = original.lines().findFirst().orElse("").strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.contains("nesting depth")) return "nested too deeply (more than 1000 levels)";
    if (lower.contains("length") && lower.contains("exceeds")) return "a value longer than the parser's limit";
    if (lower.contains("end-of-input")) return "unexpected end of file (the document is cut short)";
    if (lower.startsWith("trailing token")) return "expected the end of the file after the document, found more";
    // The unquoted word itself is never repeated: in a settings file it may be a password.
    if (lower.startsWith("unrecognized token")) return "expected a JSON value (a quoted string, a number, an array, an object,"
        + " true, false or null), found an unquoted word";
    int source = s.indexOf("[Source:");
    if (source >= 0) s = s.substring(0, source);
    s = s.replaceAll("\\s*\\(start marker at[^)]*\\)?", "");
    s = s.replaceAll("`[^`]*`", "");
    s = s.replaceAll("\\(\\s*\\)", "");
    s = s.replaceAll("\\s+", " ").strip();
    while (s.endsWith("(") || s.endsWith(",") || s.endsWith(":") || s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
    return s.isEmpty() ? "not readable" : s;
  }
}
