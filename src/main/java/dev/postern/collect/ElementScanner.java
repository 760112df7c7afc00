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
   * Ranges of about {@code partBytes} each, cut without scanning the whole file and whatever its
   * layout (compact, any indentation, tabs, CRLF, a byte-order mark, keys in any order). From each
   * cut point the next element is looked for from the JSON's structure: a {@code {} that follows a
   * {@code }} and a comma, taken only when a scan from it (strings and escapes respected) does not
   * leave the object it would be an element of within the next {@link #LOOKAHEAD} bytes (a nested
   * object, such as a permission, leaves its array at once). Each range ends before the comma that
   * follows its last element. Empty when the document is not {@code {..., "Key": [...]}} with the
   * array last (the caller then scans the file).
   *
   * <p>A wrong cut cannot pass unnoticed, so the look-ahead only decides how often the file is
   * read in parts: the first range starts at the first element (found by a parser), so it is read
   * from the true structure; if it ended anywhere but after a whole element of the array (inside a
   * string, or deeper in an element), it would not parse as {@code {"Key":[...]}} and the file is
   * read another way. By induction every range that parses starts and ends at elements.
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
      // The parser's offsets may not count a byte-order mark: find the bytes they mean.
      if (!at(ch, first, '{') || !at(ch, open, '[')) {
        if (!at(ch, first + 3, '{') || !at(ch, open + 3, '[')) return Optional.empty();
        first += 3;
        open += 3;
      }
      long close = arrayCloseAtEnd(ch, size);
      if (close <= first || !skeletonValid(ch, size, open, close, key)) return Optional.empty();
      List<Long> starts = new ArrayList<>();
      starts.add(first);
      for (long t = first + partBytes; t < close; t = Math.max(t + partBytes, starts.get(starts.size() - 1) + 1)) {
        long at = nextElementStart(ch, t, close);
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

  private static boolean at(FileChannel ch, long pos, char c) throws IOException {
    byte[] b = read(ch, pos, 1);
    return b.length == 1 && b[0] == c;
  }

  /** How far a candidate element start is scanned before it is taken for one. */
  static final int LOOKAHEAD = 1 << 18;

  /** The first likely element start ('{' after '}' and ',') at or after {@code from}, before {@code limit}; else -1. */
  private static long nextElementStart(FileChannel ch, long from, long limit) throws IOException {
    int window = 1 << 20;
    for (long pos = from; pos < limit; ) {
      byte[] b = read(ch, pos, (int) Math.min(window, limit - pos));
      for (int i = 0; i < b.length; i++) {
        if (b[i] != '{') continue;
        int j = i - 1;
        while (j >= 0 && isSpace(b[j])) j--;
        if (j < 0 || b[j] != ',') continue;
        j--;
        while (j >= 0 && isSpace(b[j])) j--;
        if (j < 0 || b[j] != '}') continue;
        if (staysInside(ch, pos + i, limit)) return pos + i;
      }
      if (b.length < window) break;
      pos += window - 4096; // a candidate's '}' and ',' may lie in the window before (whitespace between them is short)
    }
    return -1;
  }

  /**
   * True when, read from {@code start} as if it opened an object outside any string, the text does
   * not close more than it opens (nor close an object with ']' or an array with '}') within
   * {@link #LOOKAHEAD} bytes, and is back at its own level when it reaches {@code limit} first.
   */
  private static boolean staysInside(FileChannel ch, long start, long limit) throws IOException {
    int n = (int) Math.min(LOOKAHEAD, limit - start);
    byte[] b = read(ch, start, n);
    if (b.length < n) return false;
    long arrays = 0; // bit d: the container opened at depth d is an array
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> {
          if (depth < 64) arrays = c == '[' ? arrays | (1L << depth) : arrays & ~(1L << depth);
          depth++;
        }
        case '}', ']' -> {
          depth--;
          if (depth < 0) return false;
          if (depth < 64 && ((arrays >>> depth) & 1) != (c == ']' ? 1 : 0)) return false;
        }
        default -> { }
      }
    }
    return start + n < limit || depth == 0 && !inString;
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
