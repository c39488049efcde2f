package io.distillwatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads physical lines from a stream as bytes, without decoding. A line ends at {@code \n}; a trailing
 * {@code \r} is stripped, and a UTF-8 byte-order mark at the start of the stream is skipped. The last
 * line needs no newline. A line longer than the limit is skipped to its newline without being
 * buffered: {@link #tooLong()} is then true, {@link #buffer()} holds its first
 * {@value #TOO_LONG_PREFIX_BYTES} bytes and {@link #physicalLength()} its full length, and the caller
 * reports {@code line_too_long} (see {@link EventParser#lineTooLong}). Not thread-safe.
 */
public final class LineReader {
  /** Default longest line, 16 MiB (DESIGN §2). */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
  /** Bytes of a too-long line kept for its excerpt. */
  public static final int TOO_LONG_PREFIX_BYTES = 4096;

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkPos;
  private int chunkEnd;
  private boolean eof;

  private byte[] line = new byte[1024];
  private int length;
  private long lineNumber;
  private boolean tooLong;
  private long physicalLength;

  public LineReader(InputStream in) {
    this(in, DEFAULT_MAX_LINE_BYTES);
  }

  /** @param maxLineBytes longest line accepted, in bytes (without its newline), at least 1 */
  public LineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Advances to the next line.
   *
   * @return false at end of input
   * @throws IOException when the stream fails (e.g. truncated gzip), the message naming the line
   */
  public boolean next() throws IOException {
    length = 0;
    tooLong = false;
    physicalLength = 0;
    boolean any = false;
    try {
      while (true) {
        if (chunkPos >= chunkEnd) {
          if (!fill()) {
            if (!any) {
              return false;
            }
            break;
          }
        }
        any = true;
        int nl = indexOf(chunk, chunkPos, chunkEnd, (byte) '\n');
        int stop = nl < 0 ? chunkEnd : nl;
        append(chunkPos, stop - chunkPos);
        if (nl >= 0) {
          chunkPos = nl + 1;
          break;
        }
        chunkPos = chunkEnd;
      }
    } catch (IOException e) {
      throw new IOException("read failed after line " + lineNumber + ": " + e.getMessage(), e);
    }
    lineNumber++;
    if (!tooLong && length > 0 && line[length - 1] == '\r') {
      length--;
      physicalLength--;
    }
    if (lineNumber == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
      System.arraycopy(line, 3, line, 0, length - 3);
      length -= 3;
      physicalLength -= 3;
    }
    return true;
  }

  private void append(int from, int n) {
    physicalLength += n;
    if (tooLong) {
      return;
    }
    if (length + n > maxLineBytes) {
      tooLong = true;
      int keep = Math.min(TOO_LONG_PREFIX_BYTES, maxLineBytes);
      if (length < keep) {
        int more = Math.min(keep - length, n);
        ensure(length + more);
        System.arraycopy(chunk, from, line, length, more);
        length += more;
      } else {
        length = keep;
      }
      return;
    }
    ensure(length + n);
    System.arraycopy(chunk, from, line, length, n);
    length += n;
  }

  private void ensure(int capacity) {
    if (capacity > line.length) {
      int next = (int) Math.min((long) maxLineBytes + 1, Math.max(capacity, (long) line.length * 2));
      line = Arrays.copyOf(line, Math.max(next, capacity));
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(chunk, 0, CHUNK);
    while (n == 0) {
      n = in.read(chunk, 0, CHUNK);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }

  private static int indexOf(byte[] b, int from, int to, byte v) {
    for (int i = from; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** The current line's bytes, valid until the next call to {@link #next()}; starts at offset 0. */
  public byte[] buffer() {
    return line;
  }

  /** Bytes of the current line in {@link #buffer()} (for a too-long line, of its kept prefix). */
  public int length() {
    return length;
  }

  /** Physical line number of the current line, from 1. */
  public long lineNumber() {
    return lineNumber;
  }

  /** True when the current line exceeded the limit and was skipped. */
  public boolean tooLong() {
    return tooLong;
  }

  /** The current line's full length in bytes, without its line ending. */
  public long physicalLength() {
    return physicalLength;
  }

  /** The limit this reader enforces, in bytes. */
  public int maxLineBytes() {
    return maxLineBytes;
  }
}
