package dev.postern.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Text laid out in terminal columns: display width (ANSI colour escapes take none, East Asian wide
 * characters two, combining marks none), padding, shortening with an ellipsis, word wrapping, and
 * shell commands wrapped so that they still paste as one. Every table of postern (scan, diff, rules
 * list, explain) is laid out with it, so that no line passes the width it is given. Text handed
 * here is already one terminal-safe line ({@link TableReporter#text}).
 */
public final class TextLayout {
  public static final String ELLIPSIS = "…";

  private TextLayout() {}

  /** Columns {@code s} takes on a terminal, not counting SGR escapes ({@code ESC [ … m}). */
  public static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp == 0x1b && i + 1 < s.length() && s.charAt(i + 1) == '[') {
        int j = i + 2;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == ';')) j++;
        i = j < s.length() ? j + 1 : j;
        continue;
      }
      w += columns(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  /** 0 for combining and zero-width characters, 2 for wide (CJK, Hangul, full-width, emoji), else 1. */
  static int columns(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) return 0;
    if (cp >= 0x1100 && (cp <= 0x115f || cp == 0x2329 || cp == 0x232a
        || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff)
        || (cp >= 0x20000 && cp <= 0x3fffd))) {
      return 2;
    }
    return 1;
  }

  /** {@code s} followed by spaces to {@code n} columns (unchanged when already as wide). */
  public static String pad(String s, int n) {
    int w = width(s);
    return w >= n ? s : s + " ".repeat(n - w);
  }

  /** {@code s} when it fits in {@code max} columns, else its start and an ellipsis, {@code max} columns in all. */
  public static String ellipsize(String s, int max) {
    if (width(s) <= max) return s;
    if (max <= 0) return "";
    StringBuilder sb = new StringBuilder();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int c = columns(cp);
      if (w + c > max - 1) break;
      sb.appendCodePoint(cp);
      w += c;
      i += Character.charCount(cp);
    }
    return sb.append(ELLIPSIS).toString();
  }

  /**
   * Words of {@code text} in lines of at most {@code width} columns; a word longer than a line is
   * cut where the line ends (an id or an ARN is still read whole across the break).
   */
  public static List<String> wrap(String text, int width) {
    int max = Math.max(1, width);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int lineWidth = 0;
    for (String word : text.split(" ")) {
      int w = width(word);
      if (lineWidth > 0 && lineWidth + 1 + w > max) {
        lines.add(line.toString().stripTrailing());
        line.setLength(0);
        lineWidth = 0;
      }
      if (lineWidth > 0) {
        line.append(' ');
        lineWidth++;
      }
      while (lineWidth + w > max) {
        // Only a word longer than a whole line gets here: cut it at the line's end.
        String head = take(word, max - lineWidth);
        if (head.isEmpty()) head = word.substring(0, Character.charCount(word.codePointAt(0)));
        lines.add(line.append(head).toString());
        line.setLength(0);
        lineWidth = 0;
        word = word.substring(head.length());
        w = width(word);
      }
      line.append(word);
      lineWidth += w;
    }
    if (line.length() > 0) lines.add(line.toString().stripTrailing());
    return lines;
  }

  /**
   * {@code text} wrapped to {@code width} columns, its first line after {@code firstIndent}, the
   * others after {@code nextIndent} (a hanging indent).
   */
  public static List<String> hanging(String text, String firstIndent, String nextIndent, int width) {
    List<String> out = new ArrayList<>();
    List<String> first = wrap(text, width - width(firstIndent));
    if (first.isEmpty()) return out;
    out.add(firstIndent + first.get(0));
    String rest = text.substring(Math.min(text.length(), first.get(0).length())).strip();
    if (!rest.isEmpty()) for (String l : wrap(rest, width - width(nextIndent))) out.add(nextIndent + l);
    return out;
  }

  /**
   * A line of parts joined by {@code separator} (a summary: "3 FAIL (…) · 23 rules · …") wrapped
   * between parts where it can, so that no part is split unless it alone is too wide; lines after
   * the first start with {@code nextIndent} and the separator.
   */
  public static List<String> wrapParts(String text, String separator, String nextIndent, int width) {
    List<String> out = new ArrayList<>();
    String line = "";
    for (String part : text.split(java.util.regex.Pattern.quote(separator), -1)) {
      String joined = line.isEmpty() ? part : line + separator + part;
      if (width(joined) <= width || line.isEmpty()) {
        line = joined;
        continue;
      }
      // The separator leads the next line: a line that ends exactly at the width keeps it.
      out.add(line);
      line = nextIndent + separator.stripLeading() + part;
    }
    out.add(line);
    List<String> fitted = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      String l = out.get(i);
      if (width(l) <= width) fitted.add(l);
      else fitted.addAll(hanging(l.strip(), i == 0 ? "" : nextIndent, nextIndent, width));
    }
    return fitted;
  }

  /** The longest start of {@code s} that fits in {@code columns}. */
  static String take(String s, int columns) {
    int w = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (w + columns(cp) > columns) break;
      w += columns(cp);
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  /**
   * A shell command in lines of at most {@code width} columns that still pastes as one command:
   * the first line starts with {@code firstPrefix}, the next ones with {@code nextPrefix}; lines
   * break at spaces outside quotes and end in {@code " \\"}. A word too long for an indented line
   * gets a line of its own from the first column (a backslash-newline joins it on, and indentation
   * would not); a word longer than the whole width is cut across such lines, a single-quoted part
   * closed before the cut and reopened after it, so the shell still reads one word.
   */
  public static List<String> wrapCommand(String command, String firstPrefix, String nextPrefix, int width) {
    List<String> lines = new ArrayList<>();
    String current = firstPrefix;
    boolean hasWord = false;
    for (String word : shellWords(command)) {
      int w = width(word);
      String sep = hasWord ? " " : "";
      if (width(current) + sep.length() + w + 2 <= width) {
        current += sep + word;
        hasWord = true;
        continue;
      }
      if (hasWord) {
        lines.add(current + " \\");
        current = nextPrefix;
        hasWord = false;
      }
      if (width(current) + w + 2 <= width) {
        current += word;
        hasWord = true;
        continue;
      }
      // Too long for an indented line: from the first column, cut if even that is too narrow.
      if (!current.isBlank()) lines.add(current + " \\");
      List<String> pieces = cutWord(word, width - 2);
      lines.addAll(pieces.subList(0, pieces.size() - 1));
      current = pieces.get(pieces.size() - 1);
      hasWord = true;
    }
    if (hasWord) lines.add(current);
    return lines;
  }

  /** Words of a command, split at spaces outside quotes, quotes kept. */
  static List<String> shellWords(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote == 0 && c == ' ') {
        if (word.length() > 0) words.add(word.toString());
        word.setLength(0);
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) quote = c;
      else if (c == quote) quote = 0;
      word.append(c);
    }
    if (word.length() > 0) words.add(word.toString());
    return words;
  }

  /**
   * One shell word in pieces of at most {@code max} columns, each but the last ending in a
   * backslash (inside single quotes: the quote closed first, and reopened on the next piece).
   */
  static List<String> cutWord(String word, int max) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    int w = 0;
    char quote = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      int room = quote == '\'' ? 2 : 1;
      boolean afterEscape = quote != '\'' && piece.length() > 0 && piece.charAt(piece.length() - 1) == '\\';
      if (w + 1 + room > max && !afterEscape && w > 0) {
        pieces.add(piece.append(quote == '\'' ? "'\\" : "\\").toString());
        piece.setLength(0);
        w = 0;
        if (quote == '\'') {
          piece.append('\'');
          w = 1;
        }
      }
      if (quote == 0 && (c == '\'' || c == '"')) quote = c;
      else if (c == quote && !(quote == '"' && i > 0 && word.charAt(i - 1) == '\\')) quote = 0;
      piece.append(c);
      w += columns(c);
    }
    pieces.add(piece.toString());
    return pieces;
  }
}
