package io.jparallel.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one task printed and has not been sent yet, per stream. The I/O thread takes it
 * when it is old enough ({@link #FLUSH_NANOS}) or large enough ({@link #CHUNK}); the
 * worker takes the rest before the task's reply. Writers wait (without being
 * interruptible) while more than {@link #MAX_PENDING} bytes are pending.
 */
final class TaskOutput {
  static final int STDOUT = 0;
  static final int STDERR = 1;
  static final String[] NAMES = {"stdout", "stderr"};
  static final int CHUNK = 16 * 1024;
  static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  static final int MAX_PENDING = 8 << 20;

  /** Text for one stream message. */
  record Chunk(String name, String text) {}

  private final byte[][] buf = {new byte[256], new byte[256]};
  private final int[] len = new int[2];
  private long firstPending;
  private volatile boolean closed;

  boolean isClosed() {
    return closed;
  }

  void close() {
    closed = true;
  }

  /** False when closed (the caller writes to the original stream instead). */
  boolean append(int stream, byte[] b, int off, int n) {
    while (pending() > MAX_PENDING && !closed) {
      LockSupport.parkNanos(1_000_000L);
    }
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (len[0] + len[1] == 0) {
        firstPending = System.nanoTime();
      }
      int need = len[stream] + n;
      if (need > buf[stream].length) {
        buf[stream] = Arrays.copyOf(buf[stream], Math.max(need, buf[stream].length * 2));
      }
      System.arraycopy(b, off, buf[stream], len[stream], n);
      len[stream] = need;
      return true;
    }
  }

  private synchronized int pending() {
    return len[0] + len[1];
  }

  /** Chunks due at {@code now} (everything when {@code all}); empty when nothing is due. */
  synchronized List<Chunk> take(boolean all, long now) {
    int total = len[0] + len[1];
    if (total == 0 || !(all || total >= CHUNK || now - firstPending >= FLUSH_NANOS)) {
      return List.of();
    }
    List<Chunk> out = new ArrayList<>(2);
    for (int s = 0; s < 2; s++) {
      int start = 0;
      while (start < len[s]) {
        int end = Math.min(len[s], start + CHUNK);
        if (end < len[s]) {
          end = utf8Boundary(buf[s], start, end);
        } else if (!all) {
          end = utf8Boundary(buf[s], start, end);
        }
        if (end == start) {
          break;
        }
        out.add(new Chunk(NAMES[s], new String(buf[s], start, end - start, StandardCharsets.UTF_8)));
        start = end;
      }
      System.arraycopy(buf[s], start, buf[s], 0, len[s] - start);
      len[s] -= start;
    }
    firstPending = System.nanoTime();
    return out;
  }

  /** The largest index <= end that does not split a UTF-8 sequence. */
  private static int utf8Boundary(byte[] b, int start, int end) {
    int i = end;
    int back = 0;
    while (i > start && back < 4 && (b[i - 1] & 0xC0) == 0x80) {
      i--;
      back++;
    }
    if (i > start) {
      int lead = b[i - 1] & 0xFF;
      int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (size > 1 && end - (i - 1) < size) {
        return i - 1;
      }
    }
    return end;
  }
}
