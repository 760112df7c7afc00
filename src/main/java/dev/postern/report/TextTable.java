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
  private static final int LAST_MIN = 20;

  private final List<String> headers;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> styles = new ArrayList<>();
  private int styled;
  private final java.util.Set<Integer> kept = new java.util.HashSet<>();

  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  /** Which column a row's style colours (the first unless told). */
  public TextTable styleColumn(int column) {
    this.styled = column;
    return this;
  }

  /**
   * A column shortened only when the last column would otherwise have fewer than 8 columns (a
   * rule's name, which the reader types back).
   */
  public TextTable keep(int column) {
    kept.add(column);
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
    // Too wide: take columns from the widest of the others until the last has its room; from a
    // kept column only when the last would be narrower still.
    fixed -= shrink(w, width - fixed, LAST_MIN, false);
    fixed -= shrink(w, width - fixed, 8, true);
    int last = Math.max(8, width - fixed);
    List<String> out = new ArrayList<>();
    if (header) out.add(line(indent, w, headers.toArray(String[]::new), "", -1, false, last).get(0).stripTrailing());
    for (int i = 0; i < rows.size(); i++) out.addAll(line(indent, w, rows.get(i), styles.get(i), styled, true, last));
    return out;
  }

  /** Takes columns from the widest shrinkable column until {@code room} reaches {@code need}; returns how many. */
  private int shrink(int[] w, int room, int need, boolean evenKept) {
    int taken = 0;
    while (room + taken < need) {
      int widest = -1;
      for (int c = 0; c < w.length - 1; c++) {
        if ((evenKept || !kept.contains(c)) && w[c] > 4 && (widest < 0 || w[c] > w[widest])) widest = c;
      }
      if (widest < 0) break;
      w[widest]--;
      taken++;
    }
    return taken;
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
