package dev.postern.collect;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Equal short strings read from JSON share one instance: a large account repeats the same
 * protocols, CIDRs, account and group ids millions of times, and the model keeps them. A value
 * already seen is found from the parser's characters, without making a String. One per reader
 * (not thread-safe).
 */
final class StringPool {
  private static final int LONGEST = 64;
  private String[] table = new String[1 << 14];
  /** Each entry's characters: compared as arrays (a String's charAt is a call per character under C1). */
  private char[][] texts = new char[1 << 14][];
  /** Each entry's hash code beside it: a probe compares ints, and touches a String only when they match. */
  private int[] hashes = new int[1 << 14];
  private int bits = 14;
  private int size;

  /** The parser's current string value (its token must be a string). */
  String of(JsonParser p) throws IOException {
    char[] chars = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (len > LONGEST) return new String(chars, off, len);
    int h = 0;
    for (int i = 0; i < len; i++) h = 31 * h + chars[off + i]; // String.hashCode
    int mask = table.length - 1;
    for (int i = slot(h); ; i = (i + 1) & mask) {
      String s = table[i];
      if (s == null) {
        s = new String(chars, off, len);
        table[i] = s;
        texts[i] = java.util.Arrays.copyOfRange(chars, off, off + len);
        hashes[i] = h;
        if (++size * 2 > table.length) grow();
        return s;
      }
      if (hashes[i] == h && texts[i].length == len && java.util.Arrays.equals(texts[i], 0, len, chars, off, off + len)) return s;
    }
  }

  /** Fibonacci hashing: ids that differ in their last characters have nearby hash codes, not slots. */
  private int slot(int h) {
    return (h * 0x9E3779B9) >>> (32 - bits);
  }

  private void grow() {
    String[] oldTable = table;
    char[][] oldTexts = texts;
    int[] oldHashes = hashes;
    table = new String[oldTable.length * 2];
    texts = new char[oldTable.length * 2][];
    hashes = new int[oldTable.length * 2];
    bits++;
    int mask = table.length - 1;
    for (int j = 0; j < oldTable.length; j++) {
      if (oldTable[j] == null) continue;
      int i = slot(oldHashes[j]);
      while (table[i] != null) i = (i + 1) & mask;
      table[i] = oldTable[j];
      texts[i] = oldTexts[j];
      hashes[i] = oldHashes[j];
    }
  }
}
