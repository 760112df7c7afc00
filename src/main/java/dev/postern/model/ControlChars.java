package dev.postern.model;

/**
 * Makes resource data (names, tags, descriptions, messages quoting them) safe to print: control
 * characters (C0, DEL, C1, so {@code ESC[2J} cannot clear a terminal), Unicode format characters
 * (bidi overrides such as U+202E, zero-width characters), line and paragraph separators and lone
 * surrogates are shown as {@code \x1b} / {@code \u202e} instead of acting. Each output format applies
 * its own quoting on top of one of these two.
 */
public final class ControlChars {
  private ControlChars() {}

  /** One line of text: tabs and line breaks become spaces, every other such character is shown escaped. */
  public static String oneLine(String s) {
    return escape(s, false);
  }

  /** Text whose tabs and line breaks are meant (a multi-line body): those are kept, the rest shown escaped. */
  public static String keepingLineBreaks(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean keepLineBreaks) {
    if (s == null) return null;
    int i = 0;
    while (i < s.length() && !unsafe(s.charAt(i))) i++;
    if (i == s.length()) return s; // the common case: nothing to do, no copy
    StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        out.append(c);
      } else if (c == '\t' || c == '\n' || c == '\r') {
        out.append(keepLineBreaks ? c : ' ');
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = s.codePointAt(i);
        if (Character.getType(cp) == Character.FORMAT) out.append(String.format("\\u{%x}", cp)); // tag characters
        else out.appendCodePoint(cp);
        i++;
      } else {
        out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean unsafe(char c) {
    if (c >= 0x20 && c < 0x7f) return false;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE || type == Character.CONTROL;
  }
}
