package dev.postern.collect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds where the elements of a large AWS CLI file's main array ({@code "SecurityGroups": [...]})
 * begin and end, by a byte scan that only tracks nesting and strings: several times faster than
 * tokenizing the file, so that the parts can then be parsed in parallel. It does not validate
 * JSON; anything not laid out as {@code {..., "Key": [{...}, {...}], ...}} gives empty, and the file
 * is then read whole (which reports what is wrong).
 */
final class ElementScanner {
  private ElementScanner() {}

  /** Byte ranges {@code [start, end)} each holding {@code perChunk} whole elements (the last fewer). */
  static Optional<List<long[]>> chunks(Path file, String key, int perChunk) throws IOException {
    Optional<long[]> elements = elements(file, key);
    if (elements.isEmpty()) return Optional.empty();
    long[] e = elements.get(); // start0, end0, start1, end1, ...
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < e.length / 2; i += perChunk) {
      int last = Math.min(i + perChunk, e.length / 2) - 1;
      out.add(new long[] {e[2 * i], e[2 * last + 1]});
    }
    return Optional.of(out);
  }

  /** Start and end offsets of every element of the main array, flattened; empty when the layout differs. */
  static Optional<long[]> elements(Path file, String key) throws IOException {
    byte[] want = key.getBytes(StandardCharsets.UTF_8);
    long[] out = new long[1024];
    int n = 0;
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    boolean started = false;
    // Depth-1 strings are compared with the key as they stream by.
    boolean matching = false;
    int matched = 0;
    boolean lastKeyIsMain = false;
    boolean inMain = false;
    boolean mainSeen = false;
    long elementStart = -1;
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long base = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      while (true) {
        buf.clear();
        int read = ch.read(buf);
        if (read < 0) break;
        byte[] a = buf.array();
        for (int i = 0; i < read; i++) {
          byte b = a[i];
          if (inString) {
            if (escape) {
              escape = false;
              matching = false;
              continue;
            }
            if (!matching) {
              // Most bytes are inside strings: skip to the next quote or backslash.
              while (b != '"' && b != '\\' && ++i < read) b = a[i];
              if (i == read) break;
            }
            if (b == '\\') {
              escape = true;
              matching = false;
            } else if (b == '"') {
              inString = false;
              if (depth == 1) lastKeyIsMain = matching && matched == want.length;
            } else if (matched < want.length && b == want[matched]) {
              matched++;
            } else {
              matching = false;
            }
            continue;
          }
          switch (b) {
            case ' ', '\n', '\r', '\t' -> {
              continue;
            }
            case '"' -> {
              if (inMain && depth == 2) return Optional.empty(); // an element that is not an object
              inString = true;
              matching = depth == 1;
              matched = 0;
              continue;
            }
            case '{', '[' -> {
              if (!started) {
                if (b != '{') return Optional.empty();
                started = true;
              } else if (depth == 1 && b == '[' && lastKeyIsMain) {
                if (mainSeen) return Optional.empty(); // the key twice
                inMain = true;
                mainSeen = true;
              } else if (inMain && depth == 2) {
                if (b != '{') return Optional.empty();
                elementStart = base + i;
              }
              depth++;
            }
            case '}', ']' -> {
              depth--;
              if (depth < 0) return Optional.empty();
              if (inMain && depth == 2 && elementStart >= 0) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
                out[n++] = elementStart;
                out[n++] = base + i + 1;
                elementStart = -1;
              } else if (inMain && depth == 1) {
                inMain = false;
              }
            }
            default -> {
              if (!started) return Optional.empty();
              if (inMain && depth == 2 && b != ',') return Optional.empty();
            }
          }
          // A '[' opens the main array only right after its key and the colon.
          if (depth == 1 && b != ':') lastKeyIsMain = false;
        }
        base += read;
      }
    }
    if (!started || depth != 0 || inString || !mainSeen) return Optional.empty();
    return Optional.of(java.util.Arrays.copyOf(out, n));
  }
}
