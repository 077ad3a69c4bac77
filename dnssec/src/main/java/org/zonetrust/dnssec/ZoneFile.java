package org.zonetrust.dnssec;

import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.zonetrust.dnssec.internal.ZoneFileParser;

/**
 * Reads a DNS master file (RFC 1035, with RFC 3597 unknown types such as {@code TYPE65534 \# 3
 * abcdef}, {@code $ORIGIN}, {@code $TTL}, {@code $GENERATE}) strictly, with dnsjava's parser.
 *
 * <p>Besides syntax, the zone is checked: no data outside the zone, no CNAME beside other data
 * (RRSIG and NSEC excepted), exactly one SOA and at least one NS at the apex, one TTL per RRset, no
 * exact duplicates, class IN only. The first problem is thrown as a {@link ZoneFileException} whose
 * message reads {@code file:line: what is wrong}; nothing is returned on error.
 *
 * <p>Input is bounded: by default at most {@value #DEFAULT_MAX_BYTES} bytes and {@value
 * #DEFAULT_MAX_RECORDS} records. {@code $INCLUDE} is refused unless {@link
 * Builder#allowIncludes(boolean)} allows it, and even then only files inside the zone file's
 * directory may be included.
 *
 * <pre>{@code
 * List<Record> records = ZoneFile.read(Path.of("example.com.zone"), Name.fromString("example.com."));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ZoneFile {
  /** The default maximum size of a zone file with its includes: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  /** The default maximum number of records: ten million. */
  public static final int DEFAULT_MAX_RECORDS = 10_000_000;

  private static final ZoneFile DEFAULTS = builder().build();

  private final ZoneFileParser parser;

  private ZoneFile(Builder b) {
    this.parser = new ZoneFileParser(b.maxBytes, b.maxRecords, b.allowIncludes);
  }

  /**
   * Reads a zone file with the default bounds and no {@code $INCLUDE}.
   *
   * @param file the master file
   * @param origin the zone apex (absolute), also the initial {@code $ORIGIN}
   * @return the records in file order, unmodifiable
   * @throws ZoneFileException naming the file and line of the first problem
   */
  public static List<Record> read(Path file, Name origin) throws ZoneFileException {
    return DEFAULTS.parse(file, origin);
  }

  /**
   * Reads a zone from a reader with the default bounds and no {@code $INCLUDE}.
   *
   * @param reader the master file text
   * @param source the name used in messages, e.g. the file name
   * @param origin the zone apex (absolute), also the initial {@code $ORIGIN}
   * @return the records in input order, unmodifiable
   * @throws ZoneFileException naming the source and line of the first problem
   */
  public static List<Record> read(Reader reader, String source, Name origin)
      throws ZoneFileException {
    return DEFAULTS.parse(reader, source, origin);
  }

  /**
   * Starts a reader configuration with other bounds or with {@code $INCLUDE} allowed.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a zone file with this configuration.
   *
   * @param file the master file
   * @param origin the zone apex (absolute), also the initial {@code $ORIGIN}
   * @return the records in file order (included files' records where the {@code $INCLUDE} stood),
   *     unmodifiable
   * @throws ZoneFileException naming the file and line of the first problem
   */
  public List<Record> parse(Path file, Name origin) throws ZoneFileException {
    Objects.requireNonNull(file, "file");
    return parser.parse(file, requireAbsolute(origin));
  }

  /**
   * Reads a zone from a reader with this configuration; {@code $INCLUDE} is always refused here
   * because there is no directory to include from.
   *
   * @param reader the master file text
   * @param source the name used in messages, e.g. the file name
   * @param origin the zone apex (absolute), also the initial {@code $ORIGIN}
   * @return the records in input order, unmodifiable
   * @throws ZoneFileException naming the source and line of the first problem
   */
  public List<Record> parse(Reader reader, String source, Name origin) throws ZoneFileException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    return parser.parse(reader, source, requireAbsolute(origin));
  }

  private static Name requireAbsolute(Name origin) {
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("origin must be absolute (end with a dot): " + origin);
    }
    return origin;
  }

  /** Configures a {@link ZoneFile}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int maxRecords = DEFAULT_MAX_RECORDS;
    private boolean allowIncludes;

    private Builder() {}

    /**
     * Sets the maximum size of a zone file together with its includes.
     *
     * @param maxBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Sets the maximum number of records.
     *
     * @param maxRecords a positive count
     * @return this builder
     */
    public Builder maxRecords(int maxRecords) {
      if (maxRecords <= 0) {
        throw new IllegalArgumentException("maxRecords must be positive, got " + maxRecords);
      }
      this.maxRecords = maxRecords;
      return this;
    }

    /**
     * Allows {@code $INCLUDE} of regular files inside the zone file's directory (after resolving
     * symbolic links); anything else is still refused. Off by default.
     *
     * @param allow whether to allow includes
     * @return this builder
     */
    public Builder allowIncludes(boolean allow) {
      this.allowIncludes = allow;
      return this;
    }

    /**
     * Builds the reader configuration.
     *
     * @return an immutable, thread-safe {@link ZoneFile}
     */
    public ZoneFile build() {
      return new ZoneFile(this);
    }
  }
}
