package org.zonetrust.dnssec;

import org.jspecify.annotations.Nullable;

/**
 * A zone file that cannot be used: a malformed line, data outside the zone, a CNAME beside other
 * data, a missing SOA or apex NS, a TTL mismatch inside an RRset, a duplicate record, a class other
 * than IN, a refused {@code $INCLUDE}, or a file over the configured bounds.
 *
 * <p>The message reads {@code file:line: what is wrong} ({@code file: what is wrong} for problems
 * of the whole file, such as a missing SOA), so that an operator can jump to the line.
 */
public class ZoneFileException extends DnssecException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String detail;

  /**
   * Creates an exception for one line of a zone file.
   *
   * @param source the file name (or the name given for a reader)
   * @param line the 1-based line number, or 0 when the problem is the whole file
   * @param detail what is wrong, without the file and line
   * @param cause the underlying failure, or {@code null}
   */
  public ZoneFileException(String source, int line, String detail, @Nullable Throwable cause) {
    super(line > 0 ? source + ":" + line + ": " + detail : source + ": " + detail, cause);
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (whole file) or positive: " + line);
    }
    this.source = source;
    this.line = line;
    this.detail = detail;
  }

  /**
   * Creates an exception for one line of a zone file.
   *
   * @param source the file name (or the name given for a reader)
   * @param line the 1-based line number, or 0 when the problem is the whole file
   * @param detail what is wrong, without the file and line
   */
  public ZoneFileException(String source, int line, String detail) {
    this(source, line, detail, null);
  }

  /**
   * The zone file (or the name given for a reader) the problem is in; for a problem inside an
   * {@code $INCLUDE}d file, that file.
   *
   * @return the source name
   */
  public String source() {
    return source;
  }

  /**
   * The 1-based line of the problem.
   *
   * @return the line, or 0 when the problem concerns the whole file (e.g. no SOA record)
   */
  public int line() {
    return line;
  }

  /**
   * What is wrong, without the file and line prefix.
   *
   * @return the bare description
   */
  public String detail() {
    return detail;
  }
}
