package dev.postern.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns that fit a width: every column but the last is as wide as its widest cell (or
 * its header), narrowed when the line would not leave the last column room, with cells shortened
 * by an ellipsis; the last column wraps beneath itself. A row may colour one cell (the first, or the column {@link #styleColumn} names). Cells
 * hold terminal-safe text ({@link TableReporter#text}); colour is added after the layout, so it
 * never counts.
 */
public final class TextTable {
  private static final String GAP = "  ";
  /** Columns the last column keeps, however wide the others would be. */
  private static final int LAST_MIN = 24;

  private final List<String> headers;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> styles = new ArrayList<>();
  private int styled;

  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  /** Which column a row's style colours (the first unless told). */
  public TextTable styleColumn(int column) {
    this.styled = column;
    return this;
  }

  /** A row whose styled cell is shown in {@code style} (an SGR sequence, or empty for none). */
  public TextTable row(String style, String... cells) {
    if (cells.length != headers.size()) throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
    rows.add(cells);
    styles.add(style);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, each line starting with {@code indent}, none wider than {@code width}. */
  public void write(Writer out, String indent, int width, boolean header) throws IOException {
    for (String line : lines(indent, width, header)) out.write(line + "\n");
  }

  public List<String> lines(String indent, int width, boolean header) {
    int n = headers.size();
    int[] w = new int[n];
    for (int c = 0; c < n - 1; c++) {
      w[c] = header ? TextLayout.width(headers.get(c)) : 0;
      for (String[] r : rows) w[c] = Math.max(w[c], TextLayout.width(r[c]));
    }
    int fixed = TextLayout.width(indent);
    for (int c = 0; c < n - 1; c++) fixed += w[c] + GAP.length();
    // Too wide: take columns from the widest of the others until the last has its room.
    while (width - fixed < LAST_MIN) {
      int widest = 0;
      for (int c = 1; c < n - 1; c++) if (w[c] > w[widest]) widest = c;
      if (w[widest] <= 4) break;
      w[widest]--;
      fixed--;
    }
    int last = Math.max(8, width - fixed);
    List<String> out = new ArrayList<>();
    if (header) out.add(line(indent, w, headers.toArray(String[]::new), "", -1, false, last).get(0).stripTrailing());
    for (int i = 0; i < rows.size(); i++) out.addAll(line(indent, w, rows.get(i), styles.get(i), styled, true, last));
    return out;
  }

  private static List<String> line(String indent, int[] w, String[] cells, String style, int styled, boolean wrapLast, int last) {
    StringBuilder sb = new StringBuilder(indent);
    int n = cells.length;
    for (int c = 0; c < n - 1; c++) {
      String cell = TextLayout.pad(TextLayout.ellipsize(cells[c], w[c]), w[c]);
      sb.append(c == styled ? Ansi.style(true, style, cell) : cell).append(GAP);
    }
    List<String> lines = new ArrayList<>();
    List<String> tail = wrapLast ? TextLayout.wrap(cells[n - 1], last) : List.of(cells[n - 1]);
    String blank = " ".repeat(TextLayout.width(sb.toString()));
    for (int i = 0; i < Math.max(1, tail.size()); i++) {
      String text = tail.isEmpty() ? "" : tail.get(i);
      lines.add(((i == 0 ? sb.toString() : blank) + text).stripTrailing());
    }
    return lines;
  }
}
