package dev.postern.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
    return chunks(file, key, perChunk, r -> {});
  }

  /**
   * As {@link #chunks(Path, String, int)}, also handing each range to {@code early} as soon as it
   * is found, so that reading it can start while the scan goes on. A range handed early may still
   * belong to a file that turns out not to be laid out as expected (then the result is empty).
   */
  static Optional<List<long[]>> chunks(Path file, String key, int perChunk, Consumer<long[]> early) throws IOException {
    List<long[]> out = new ArrayList<>();
    long[] first = {-1};
    int[] count = {0};
    Optional<long[]> elements = elements(file, key, (start, end) -> {
      if (first[0] < 0) first[0] = start;
      if (++count[0] == perChunk) {
        long[] range = {first[0], end};
        out.add(range);
        early.accept(range);
        first[0] = -1;
        count[0] = 0;
      }
    });
    if (elements.isEmpty()) return Optional.empty();
    long[] e = elements.get();
    if (first[0] >= 0) {
      long[] range = {first[0], e[e.length - 1]};
      out.add(range);
      early.accept(range);
    }
    return Optional.of(out);
  }

  /**
   * Ranges of about {@code partBytes} each, found without scanning the file: AWS CLI output is
   * pretty-printed, and a raw line break never occurs inside a JSON string, so every line holding
   * just the first element's indentation and a {@code {} starts an element of the main array. Each
   * range ends before the comma that follows its last element. Empty when the file is not laid out
   * so (minified, other keys after the array, no such line); the caller then scans it. A wrong
   * guess cannot pass unnoticed: a range that does not hold whole elements fails to parse, and the
   * document around the array is checked as in {@link #elements}.
   */
  static Optional<List<long[]>> split(Path file, String key, long partBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file)) {
      long size = ch.size();
      // Where the array opens and its first element starts: Jackson reads only up to there.
      long open = -1;
      long first = -1;
      try (JsonParser p = new JsonFactory().createParser(java.nio.file.Files.newInputStream(file))) {
        if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          boolean main = p.currentName().equals(key);
          JsonToken v = p.nextToken();
          if (!main) {
            p.skipChildren();
            continue;
          }
          if (v != JsonToken.START_ARRAY) return Optional.empty();
          open = p.currentTokenLocation().getByteOffset();
          if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
          first = p.currentTokenLocation().getByteOffset();
          break;
        }
      } catch (IOException e) {
        return Optional.empty();
      }
      if (first < 0) return Optional.empty();
      byte[] indent = lineIndent(ch, first);
      if (indent == null) return Optional.empty();
      long close = arrayCloseAtEnd(ch, size);
      if (close <= first || !skeletonValid(ch, size, open, close, key)) return Optional.empty();
      List<Long> starts = new ArrayList<>();
      starts.add(first);
      for (long t = first + partBytes; t < close; t = Math.max(t + partBytes, starts.get(starts.size() - 1) + 1)) {
        long at = nextElementLine(ch, t, close, indent);
        if (at < 0) break;
        if (at > starts.get(starts.size() - 1)) starts.add(at);
        t = at;
      }
      List<long[]> out = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        boolean last = i == starts.size() - 1;
        long end = trimEnd(ch, starts.get(i), last ? close : starts.get(i + 1), !last);
        if (end < 0) return Optional.empty();
        out.add(new long[] {starts.get(i), end});
      }
      return Optional.of(out);
    }
  }

  /** The spaces or tabs before {@code pos} on its line, or null when something else precedes it there. */
  private static byte[] lineIndent(FileChannel ch, long pos) throws IOException {
    int max = (int) Math.min(pos, 256);
    byte[] b = read(ch, pos - max, max);
    int i = b.length;
    while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == '\t')) i--;
    if (i == 0 || b[i - 1] != '\n' || i == b.length) return null;
    return java.util.Arrays.copyOfRange(b, i, b.length);
  }

  /** The offset of the main array's ']' when only whitespace and the document's '}' follow it; else -1. */
  private static long arrayCloseAtEnd(FileChannel ch, long size) throws IOException {
    int max = (int) Math.min(size, 4096);
    byte[] b = read(ch, size - max, max);
    int i = b.length - 1;
    while (i >= 0 && isSpace(b[i])) i--;
    if (i < 0 || b[i] != '}') return -1;
    i--;
    while (i >= 0 && isSpace(b[i])) i--;
    return i < 0 || b[i] != ']' ? -1 : size - max + i;
  }

  /** The first "\n" + indent + "{" at or after {@code from} (the offset of its '{'), before {@code limit}; else -1. */
  private static long nextElementLine(FileChannel ch, long from, long limit, byte[] indent) throws IOException {
    int window = 1 << 16; // an element (a security group) is a few kB: its line is near
    for (long pos = from; pos < limit; pos += window - indent.length - 2) {
      byte[] b = read(ch, pos, (int) Math.min(window, limit - pos));
      outer:
      for (int i = 0; i + indent.length + 1 < b.length; i++) {
        if (b[i] != '\n') continue;
        for (int k = 0; k < indent.length; k++) if (b[i + 1 + k] != indent[k]) continue outer;
        if (b[i + 1 + indent.length] == '{') return pos + i + 1 + indent.length;
      }
      if (b.length < window) break;
    }
    return -1;
  }

  /** The end of [start, end) without trailing whitespace and, when {@code comma}, the one comma that must end it; -1 if missing. */
  private static long trimEnd(FileChannel ch, long start, long end, boolean comma) throws IOException {
    int max = (int) Math.min(end - start, 4096);
    byte[] b = read(ch, end - max, max);
    int i = b.length - 1;
    while (i >= 0 && isSpace(b[i])) i--;
    if (comma) {
      if (i < 0 || b[i] != ',') return -1;
      i--;
      while (i >= 0 && isSpace(b[i])) i--;
    }
    if (i < 0 || b[i] != '}') return -1;
    return end - max + i + 1;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static byte[] read(FileChannel ch, long pos, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos + buf.position());
      if (r < 0) break;
    }
    return buf.hasRemaining() ? java.util.Arrays.copyOf(buf.array(), buf.position()) : buf.array();
  }

  interface ElementSink {
    void element(long start, long end);
  }

  static Optional<long[]> elements(Path file, String key) throws IOException {
    return elements(file, key, (a, b) -> {});
  }

  /**
   * Start and end offsets of every element of the main array, flattened; empty when the layout
   * differs. Elements are parsed later, one part at a time; what lies between and around them
   * (commas, the other top-level keys, the end of the document) is checked here, so that a file
   * read in parts is accepted or refused exactly as when read whole.
   */
  static Optional<long[]> elements(Path file, String key, ElementSink sink) throws IOException {
    byte[] want = key.getBytes(StandardCharsets.UTF_8);
    long[] out = new long[1024];
    int n = 0;
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    boolean started = false;
    boolean ended = false;
    // Depth-1 strings are compared with the key as they stream by.
    boolean matching = false;
    int matched = 0;
    boolean lastKeyIsMain = false;
    boolean inMain = false;
    long arrayOpen = -1;
    long arrayClose = -1;
    // Inside the main array: 0 an element or the end may come, 1 an element must, 2 a comma or the end.
    int expect = 0;
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
          if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
          if (ended) return Optional.empty(); // something after the document
          boolean mainLevel = inMain && depth == 2;
          switch (b) {
            case '"' -> {
              if (mainLevel) return Optional.empty(); // an element that is not an object
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
                if (arrayOpen >= 0) return Optional.empty(); // the key twice
                inMain = true;
                expect = 0;
                arrayOpen = base + i;
              } else if (mainLevel) {
                if (b != '{' || expect == 2) return Optional.empty();
                elementStart = base + i;
              }
              depth++;
            }
            case '}', ']' -> {
              if (mainLevel) { // the main array closes
                if (b != ']' || expect == 1) return Optional.empty();
                inMain = false;
                arrayClose = base + i;
              }
              depth--;
              if (depth < 0) return Optional.empty();
              if (depth == 0) ended = true;
              if (inMain && depth == 2 && elementStart >= 0) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
                out[n++] = elementStart;
                out[n++] = base + i + 1;
                sink.element(elementStart, base + i + 1);
                elementStart = -1;
                expect = 2;
              }
            }
            case ',' -> {
              if (mainLevel) {
                if (expect != 2) return Optional.empty();
                expect = 1;
              }
            }
            default -> {
              if (!started || mainLevel) return Optional.empty();
            }
          }
          // A '[' opens the main array only right after its key and the colon.
          if (depth == 1 && b != ':') lastKeyIsMain = false;
        }
        base += read;
      }
      if (!ended || inString || arrayClose < 0 || !skeletonValid(ch, base, arrayOpen, arrayClose, key)) return Optional.empty();
    }
    return Optional.of(java.util.Arrays.copyOf(out, n));
  }

  /**
   * The document with the main array emptied is valid JSON holding that key once and no other
   * spelling of it (databind matches keys in any case and decodes escapes; the last one wins).
   */
  private static boolean skeletonValid(FileChannel ch, long size, long open, long close, String key) throws IOException {
    long tail = size - close;
    if (open + 1 + tail > 64L << 20) return false; // not a main-array file after all
    byte[] skeleton = new byte[(int) (open + 1 + tail)];
    ByteBuffer head = ByteBuffer.wrap(skeleton, 0, (int) (open + 1));
    ByteBuffer rest = ByteBuffer.wrap(skeleton, (int) (open + 1), (int) tail);
    while (head.hasRemaining()) if (ch.read(head, head.position()) < 0) return false;
    long pos = close;
    while (rest.hasRemaining()) {
      int r = ch.read(rest, pos);
      if (r < 0) return false;
      pos += r;
    }
    try (JsonParser p = new JsonFactory().createParser(skeleton)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return false;
      int mains = 0;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (name.equalsIgnoreCase(key)) {
          if (!name.equals(key) || ++mains > 1) return false;
        }
        p.nextToken();
        p.skipChildren();
      }
      return t == JsonToken.END_OBJECT && p.nextToken() == null && mains == 1;
    } catch (IOException e) {
      return false;
    }
  }
}
