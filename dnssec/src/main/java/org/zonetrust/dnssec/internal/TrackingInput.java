package org.zonetrust.dnssec.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.TTL;

/**
 * The byte stream under dnsjava's {@code Tokenizer}: counts lines, finds the line on which each
 * record starts (dnsjava's {@code Master} has no per-record line), enforces the byte budget, and,
 * when includes are allowed, takes {@code $INCLUDE} lines out of the stream for the caller to
 * handle (remembering {@code $ORIGIN} and {@code $TTL} so an include inherits them).
 *
 * <p>It extends {@link BufferedInputStream} so that the {@code Tokenizer} does not wrap it in
 * another buffer and reads it byte by byte: every byte it consumes passes through {@link #read()}.
 */
final class TrackingInput extends BufferedInputStream {
  private static final byte[] NONE = new byte[0];
  private static final int LINE_START = 0;
  private static final int BLANK = 1;
  private static final int SKIP = 2;

  /**
   * An {@code $INCLUDE} line taken out of the stream.
   *
   * @param line where it is
   * @param file the file named, or null if the line names none
   * @param explicitOrigin the origin given on the line, or null
   * @param currentOrigin the last {@code $ORIGIN} before the line, or null
   * @param defaultTtl the last {@code $TTL} before the line, or -1
   */
  record Include(
      int line,
      @Nullable String file,
      @Nullable String explicitOrigin,
      @Nullable String currentOrigin,
      long defaultTtl) {}

  /** Thrown from {@link #read()} when the input passes the byte budget. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  private final ByteBudget budget;
  private final boolean takeIncludes;
  private final List<Include> includes = new ArrayList<>();
  private byte[] replay = NONE;
  private int replayPos;
  private int line = 1;
  private boolean atLineStart = true;
  private boolean seeking;
  private int state = LINE_START;
  private int recordLine;
  private int directiveLine;
  private @Nullable String origin;
  private long defaultTtl = -1;

  TrackingInput(InputStream in, ByteBudget budget, boolean takeIncludes) {
    super(in, 1 << 16);
    this.budget = budget;
    this.takeIncludes = takeIncludes;
  }

  /** Called before each record is parsed: the next content line is the record's line. */
  void startRecord() {
    seeking = true;
    state = LINE_START;
    recordLine = 0;
  }

  /**
   * The line the last record started on: its first content line, or for a record expanded from
   * {@code $GENERATE} the directive's line.
   */
  int recordLine() {
    if (recordLine > 0) {
      return recordLine;
    }
    return directiveLine > 0 ? directiveLine : line;
  }

  /** The line being read now. */
  int line() {
    return line;
  }

  /** The {@code $INCLUDE} lines seen since the last call, in order. */
  List<Include> takeIncludes() {
    if (includes.isEmpty()) {
      return List.of();
    }
    List<Include> taken = List.copyOf(includes);
    includes.clear();
    return taken;
  }

  @Override
  public synchronized int read() throws IOException {
    int c;
    if (replayPos < replay.length) {
      c = replay[replayPos++] & 0xff;
    } else {
      c = raw();
      if (c == '$' && atLineStart && takeIncludes) {
        replay = directive();
        replayPos = 0;
        if (replay.length == 0) {
          return -1;
        }
        c = replay[replayPos++] & 0xff;
      }
    }
    if (c >= 0) {
      track(c);
    }
    return c;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len) {
      int c = read();
      if (c < 0) {
        return n == 0 ? -1 : n;
      }
      b[off + n++] = (byte) c;
      if (c == '\n') {
        break;
      }
    }
    return n;
  }

  @Override
  public synchronized int available() {
    return 0;
  }

  @Override
  public synchronized long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && read() >= 0) {
      skipped++;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private int raw() throws IOException {
    int c = super.read();
    if (c >= 0 && !budget.take(1)) {
      throw new TooLargeException(budget.describe());
    }
    return c;
  }

  /** Reads the rest of a line starting with '$'; returns the bytes to hand on to the parser. */
  private byte[] directive() throws IOException {
    StringBuilder text = new StringBuilder("$");
    boolean newline = false;
    for (int c = raw(); c >= 0; c = raw()) {
      if (c == '\n') {
        newline = true;
        break;
      }
      text.append((char) c);
    }
    List<String> words = words(text.toString());
    String keyword = words.get(0);
    if (keyword.equalsIgnoreCase("$INCLUDE")) {
      includes.add(
          new Include(
              line,
              words.size() > 1 ? words.get(1) : null,
              words.size() > 2 ? words.get(2) : null,
              origin,
              defaultTtl));
      return newline ? new byte[] {'\n'} : NONE;
    }
    if (keyword.equalsIgnoreCase("$ORIGIN") && words.size() > 1) {
      origin = words.get(1);
    } else if (keyword.equalsIgnoreCase("$TTL") && words.size() > 1) {
      defaultTtl = parseTtl(words.get(1));
    }
    if (newline) {
      text.append('\n');
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static long parseTtl(String text) {
    try {
      return TTL.parseTTL(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Splits a directive line into words: quotes group, a ';' outside quotes starts a comment. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        inWord = true;
      } else if (c == ';') {
        break;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private void track(int c) {
    if (seeking) {
      if (c == '\n') {
        state = LINE_START;
      } else if (state == SKIP) {
        // inside a comment or a directive line: nothing starts here
      } else if (state == LINE_START && c == '$') {
        state = SKIP;
        directiveLine = line;
      } else if (c == ';') {
        state = SKIP;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        state = BLANK;
      } else {
        seeking = false;
        recordLine = line;
        directiveLine = 0;
      }
    }
    if (c == '\n') {
      line++;
      atLineStart = true;
    } else {
      atLineStart = false;
    }
  }
}
