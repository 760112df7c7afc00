package dev.postern.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Bytes {@code [start, end)} of a file, read at their offsets: threads read parts of one file at once. */
final class FileRange extends InputStream {
  private final Path file;
  private final FileChannel ch;
  private long pos;
  private final long end;

  FileRange(Path file, long start, long end) throws IOException {
    this.file = file;
    this.ch = FileChannel.open(file);
    this.pos = start;
    this.end = end;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pos >= end) return -1;
    int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
    if (n < 0) throw new IOException(file + " changed while it was read");
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
